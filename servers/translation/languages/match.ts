import { englishName } from './names.ts';
import type { LanguageTag } from './tags.ts';

/** One language code a provider accepts, with the BCP 47 tag it stands for. */
export interface ProviderLanguage {
  code: string;
  tag: LanguageTag;
  /** Name the provider gives it, when it gives one. */
  name?: string;
}

/** The provider code chosen for a requested tag, and why, when the choice changed its meaning. */
export interface LanguageChoice {
  code: string;
  tag: string;
  /** Set when the provider code differs in script or region from what was requested. */
  note?: string;
}

/** Checks the script, counting a code written without one (DeepL's source `ZH`) as covering every script. */
function scriptMatches(requested: LanguageTag, candidate: LanguageTag): boolean {
  return candidate.script === undefined || candidate.likelyScript === requested.likelyScript;
}

function score(requested: LanguageTag, candidate: LanguageTag): number {
  if (requested.language !== candidate.language) return -1;
  let points = 0;
  if (scriptMatches(requested, candidate)) points += 4;
  if (requested.likelyRegion === candidate.likelyRegion) points += 2;
  if (requested.region !== undefined && requested.region === candidate.region) points += 1;
  return points;
}

function describe(tag: string): string {
  const name = englishName(tag);
  return name ? `${tag} (${name})` : tag;
}

/**
 * Picks the provider code closest to a requested tag. The language must be the
 * same; a code whose script matches (after CLDR likely subtags, so `zh-TW` is
 * Traditional) beats one whose region matches. On a tie the earlier code in
 * the list wins, so providers list their preferred default first.
 */
export function chooseLanguage(
  requested: LanguageTag,
  supported: readonly ProviderLanguage[],
  provider: string,
): LanguageChoice | undefined {
  let best: ProviderLanguage | undefined;
  let bestScore = -1;
  for (const candidate of supported) {
    const points = score(requested, candidate.tag);
    if (points > bestScore) {
      best = candidate;
      bestScore = points;
    }
  }
  if (!best) return undefined;

  const chosen = best.tag;
  const choice: LanguageChoice = { code: best.code, tag: chosen.tag };
  if (!scriptMatches(requested, chosen)) {
    choice.note =
      `${provider} has no ${describe(requested.tag)} variant; ` +
      `${best.code} (${describe(chosen.tag)}) was used.`;
  } else if (chosen.region !== undefined && chosen.region !== requested.region) {
    choice.note =
      `${provider} needs a regional variant for ${describe(requested.tag)}; ` +
      `${best.code} (${describe(chosen.tag)}) was chosen. Ask for another region to change it.`;
  } else if (requested.region !== undefined && chosen.likelyRegion !== requested.region) {
    choice.note = `${provider} has no regional variants of ${chosen.tag}; ${best.code} was sent for ${requested.tag}.`;
  }
  return choice;
}
