import { ToolError } from '../../../shared/errors.ts';
import type { LanguageTag } from '../languages/tags.ts';

/** Throws the error for a language a provider has no code for. */
export function unsupportedLanguage(
  provider: string,
  tag: LanguageTag,
  role: 'source' | 'target',
): never {
  throw new ToolError(
    'UNSUPPORTED',
    `${provider} cannot translate ${role === 'source' ? 'from' : 'into'} ${tag.tag}.`,
    {
      hint: 'Call list_languages to see the supported tags, or list another provider in --provider.',
      details: { provider, language: tag.tag, role },
    },
  );
}
