import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { silentLogger } from '../../../shared/logging.ts';
import { createWeatherServer } from '../../../servers/weather/index.ts';
import { OpenMeteoApi } from '../../../servers/weather/open-meteo/api.ts';

export interface ConnectedWeather {
  client: Client;
  api: OpenMeteoApi;
  close(): Promise<void>;
}

/** Connects a real MCP client, over an in-memory pair, to a weather server aimed at `baseUrl`. */
export async function connectWeather(
  baseUrl: string,
  options: { timeoutMs?: number; redisUrl?: string; apiKey?: string; cacheNamespace?: string } = {},
): Promise<ConnectedWeather> {
  const api = new OpenMeteoApi({
    forecastUrl: baseUrl,
    geocodingUrl: baseUrl,
    archiveUrl: baseUrl,
    airQualityUrl: baseUrl,
    timeoutMs: options.timeoutMs ?? 3000,
    logger: silentLogger(),
    cacheNamespace: options.cacheNamespace ?? `weather-test-${randomUUID()}`,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
  });
  const server = createWeatherServer({ api });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'weather-test', version: '0.0.0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);

  return {
    client,
    api,
    close: async () => {
      await client.close();
      await server.close();
      await api.close();
    },
  };
}

/** Text of the first content block of a tool result. */
export function textOf(result: { content?: unknown }): string {
  const blocks = (result.content ?? []) as { type: string; text?: string }[];
  return blocks.find((block) => block.type === 'text')?.text ?? '';
}
