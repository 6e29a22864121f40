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
    return {
      createServer: () => createTranslationServer({ slots: providers.slots }, logger),
      close: () => providers.close(),
    };
  },
});
