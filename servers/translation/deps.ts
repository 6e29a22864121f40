import type { ProviderSlot } from './service/chain.ts';

/** Dependencies of every translation tool: the providers of --provider, in order. */
export interface TranslationDeps {
  slots: readonly ProviderSlot[];
}
