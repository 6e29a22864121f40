import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { parseOptions } from '../../../shared/config/options.ts';
import { silentLogger } from '../../../shared/logging.ts';
import { createTranslationServer } from '../../../servers/translation/index.ts';
import { translationOptions } from '../../../servers/translation/options.ts';
import { ProviderSlots } from '../../../servers/translation/providers/slots.ts';

export interface ConnectedTranslation {
  client: Client;
  close(): Promise<void>;
}

/**
 * Connects a real MCP client, over an in-memory pair, to a translation
 * server started with the given command-line flags.
 */
export async function connectTranslation(flags: string[]): Promise<ConnectedTranslation> {
  const { values } = parseOptions(translationOptions, flags, {});
  const providers = new ProviderSlots(values, silentLogger());
  const server = createTranslationServer({ slots: providers.slots });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'translation-test', version: '0.0.0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);

  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
      await providers.close();
    },
  };
}

/** Text of the first content block of a tool result. */
export function textOf(result: { content?: unknown }): string {
  const blocks = (result.content ?? []) as { type: string; text?: string }[];
  return blocks.find((block) => block.type === 'text')?.text ?? '';
}
