import type { ProviderSlot } from './service/chain.ts';

/** What every translation tool works with: the providers of --provider, in order. */
export interface TranslationDeps {
  slots: readonly ProviderSlot[];
}
