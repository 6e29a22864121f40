import type { eld as eldMedium } from 'eld/medium';
import type { francAll as francAllLanguages } from 'franc-min';
import { tryParseLanguageTag } from '../languages/tags.ts';

/** A language a detector considers, with its score between 0 and 1 (higher is likelier). */
export interface LanguageCandidate {
  language: string;
  score: number;
}

export interface OfflineDetection {
  candidates: LanguageCandidate[];
  /** The library that produced the candidates. */
  detector: 'eld' | 'franc-min';
  /** False when the text was too short or too mixed for a confident result. */
  reliable: boolean;
}

type Eld = typeof eldMedium;
type FrancAll = typeof francAllLanguages;

let eldLoading: Promise<Eld> | undefined;
let francLoading: Promise<FrancAll> | undefined;

// Both libraries load their n-gram tables at import time, so they are loaded
// on the first detection rather than when the server starts.
function loadEld(): Promise<Eld> {
  eldLoading ??= import('eld/medium').then((module) => module.eld);
  return eldLoading;
}

function loadFranc(): Promise<FrancAll> {
  francLoading ??= import('franc-min').then((module) => module.francAll);
  return francLoading;
}

function byScore(scores: Iterable<[string, number]>, limit: number): LanguageCandidate[] {
  const candidates: LanguageCandidate[] = [];
  for (const [code, score] of scores) {
    // franc names languages with ISO 639-3 codes; Intl.Locale turns `cmn` into `zh`.
    const tag = tryParseLanguageTag(code);
    if (!tag || candidates.some((candidate) => candidate.language === tag.tag)) continue;
    candidates.push({ language: tag.tag, score: Math.round(score * 1000) / 1000 });
  }
  return candidates.sort((left, right) => right.score - left.score).slice(0, limit);
}

/**
 * Detects the language of a text without the network: ELD (60 languages)
 * first, and franc-min for text ELD cannot place, which is mostly text of a
 * few words.
 */
export async function detectOffline(text: string, limit = 5): Promise<OfflineDetection> {
  const eld = await loadEld();
  const result = eld.detect(text);
  if (result.language) {
    return {
      candidates: byScore(Object.entries(result.getScores()), limit),
      detector: 'eld',
      reliable: result.isReliable(),
    };
  }

  const francAll = await loadFranc();
  const ranked = francAll(text, { minLength: 1 }).filter(([code]) => code !== 'und');
  return {
    candidates: byScore(ranked, limit),
    detector: 'franc-min',
    reliable: false,
  };
}
