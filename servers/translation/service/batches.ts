import type { ProviderLimits } from '../providers/types.ts';

/** One piece of text to translate, and where its translation goes. */
export interface Unit {
  text: string;
  /** Provider code of the source language; undefined lets the provider detect it. */
  source: string | undefined;
  /** Index of the input text the unit belongs to. */
  textIndex: number;
}

/**
 * Groups units into requests within the provider's limits on the number of
 * texts and their total size. Units of different source languages never
 * share a request, because a request names one source.
 */
export function batchUnits(units: readonly Unit[], limits: ProviderLimits): Unit[][] {
  const batches: Unit[][] = [];
  let current: Unit[] = [];
  let size = 0;

  for (const unit of units) {
    const unitSize = limits.measure(unit.text);
    const full =
      current.length >= limits.maxTextsPerRequest ||
      size + unitSize > limits.maxRequestSize ||
      (current.length > 0 && current[0]?.source !== unit.source);
    if (full && current.length > 0) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(unit);
    size += unitSize;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
