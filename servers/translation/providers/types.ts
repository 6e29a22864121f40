import type { ProviderLanguage } from '../languages/match.ts';
import type { LanguageTag } from '../languages/tags.ts';
import type { LanguageChoice } from '../languages/match.ts';
import type { Measure } from '../text/measure.ts';

export type ProviderName = 'mymemory' | 'libretranslate' | 'deepl';
export const PROVIDER_NAMES: readonly ProviderName[] = ['mymemory', 'libretranslate', 'deepl'];

export type TextFormat = 'text' | 'html';
export type Formality = 'more' | 'less' | 'prefer_more' | 'prefer_less';

export interface ProviderLimits {
  /** Maximum size of one piece of text, in the unit of `measure`. */
  maxPieceSize: number;
  /** Maximum number of texts in one request; 1 for providers that take a single text. */
  maxTextsPerRequest: number;
  /** Maximum sum of text sizes in one request. */
  maxRequestSize: number;
  measure: Measure;
}

export interface ProviderFeatures {
  glossary: boolean;
  /** Translates HTML itself, keeping tags; otherwise only the text between tags is sent. */
  html: boolean;
  /** Detects the source language when none is given. */
  autoDetect: boolean;
  /** Has a language detection endpoint of its own. */
  detect: boolean;
}

export interface ProviderTranslateRequest {
  texts: string[];
  /** Provider code; undefined lets the provider detect it. */
  source: string | undefined;
  target: string;
  format: TextFormat;
  formality?: Formality;
  glossaryId?: string;
  signal: AbortSignal;
}

export interface ProviderTranslation {
  text: string;
  /** Source language the provider detected, as its own code. */
  detectedLanguage?: string;
  /** Confidence between 0 and 1, when the provider reports one. */
  detectedConfidence?: number;
}

export interface ProviderLanguages {
  source: ProviderLanguage[];
  target: ProviderLanguage[];
}

/** One translation service behind a common interface. */
export interface TranslationProvider {
  name: ProviderName;
  limits: ProviderLimits;
  features: ProviderFeatures;
  /** Provider code for a source tag (never with a region the provider rejects). */
  sourceCode(tag: LanguageTag, signal: AbortSignal): Promise<LanguageChoice>;
  /** Provider code for a target tag, with a note when a variant had to be chosen. */
  targetCode(tag: LanguageTag, signal: AbortSignal): Promise<LanguageChoice>;
  /** Whether the provider takes a formality setting for this target code. */
  supportsFormality(targetCode: string): boolean;
  /** The BCP 47 tag of one of the provider's codes. */
  tagOf(code: string): string;
  translate(request: ProviderTranslateRequest): Promise<ProviderTranslation[]>;
  languages(signal: AbortSignal): Promise<ProviderLanguages>;
  /** Candidates with scores between 0 and 1; only when `features.detect` is true. */
  detect?(text: string, signal: AbortSignal): Promise<{ language: string; score: number }[]>;
}
