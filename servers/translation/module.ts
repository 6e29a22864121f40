import { ConfigError } from '../../shared/config/options.ts';
import { defineServerModule } from '../../shared/server-module.ts';
import { createTranslationServer } from './index.ts';
import { translationOptions } from './options.ts';
import { ProviderSlots } from './providers/slots.ts';

export const translationModule = defineServerModule({
  name: 'translation',
  summary: 'translate and detect languages with MyMemory, LibreTranslate or DeepL',
  options: translationOptions,
  open(values, logger) {
    const providers = new ProviderSlots(values, logger);
    const unusable = providers.slots.filter((slot) => slot.unavailable !== undefined);
    if (unusable.length === providers.slots.length) {
      throw new ConfigError(
        `No provider in --provider ${values.provider.join(',')} can be used. ` +
          unusable.map((slot) => slot.unavailable).join(' ') +
          ' Or add mymemory, which needs no key.',
      );
    }
    for (const slot of unusable) {
      logger.warn(
        { provider: slot.name, reason: slot.unavailable },
        'provider skipped in the fallback chain',
      );
    }

    return {
      createServer: () => createTranslationServer({ slots: providers.slots }, logger),
      close: () => providers.close(),
    };
  },
});
