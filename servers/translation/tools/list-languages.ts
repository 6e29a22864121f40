import { z } from 'zod';
import { defineTool } from '../../../shared/tools.ts';
import type { TranslationDeps } from '../deps.ts';
import type { ProviderLanguage } from '../languages/match.ts';
import { englishName, nativeName } from '../languages/names.ts';
import { runChain } from '../service/chain.ts';
import { fallbackSchema, READ_ONLY_REMOTE } from './schemas.ts';

const input = z.object({});

const languageSchema = z.object({
  tag: z.string().describe('BCP 47 tag to pass to translate'),
  code: z.string().describe("the provider's own code"),
  name: z.string().describe('English name'),
  nativeName: z.string().optional(),
});

const output = z.object({
  provider: z.string(),
  source: z.array(languageSchema),
  target: z.array(languageSchema),
  fallbacks: z.array(fallbackSchema),
});

function describe(language: ProviderLanguage): z.output<typeof languageSchema> {
  const tag = language.tag.tag;
  const entry: z.output<typeof languageSchema> = {
    tag,
    code: language.code,
    name: englishName(tag) ?? language.name ?? tag,
  };
  const native = nativeName(tag);
  if (native) entry.nativeName = native;
  return entry;
}

export const listLanguagesTool = defineTool<TranslationDeps, typeof input, typeof output>({
  name: 'list_languages',
  title: 'List languages',
  description:
    'Lists the source and target languages of the configured provider as BCP 47 tags with English and native names. ' +
    'With a fallback chain, the first provider that answers is listed.',
  input,
  output,
  annotations: READ_ONLY_REMOTE,
  async handler(_args, call) {
    const { result, provider, fallbacks } = await runChain(call.deps.slots, call.logger, (item) =>
      item.languages(call.signal),
    );
    const source = result.source.map(describe);
    const target = result.target.map(describe);
    const preview = (list: typeof source) => list.map((item) => item.tag).join(', ');
    const text =
      `${provider}: ${source.length} source and ${target.length} target languages.\n` +
      `Source: ${preview(source)}\nTarget: ${preview(target)}`;
    return { structured: { provider, source, target, fallbacks }, text };
  },
});
