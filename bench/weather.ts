import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { pathToFileURL } from 'node:url';
import { startHttpCli } from '../test/support/cli.ts';
import { startOpenMeteoStandIn } from '../test/weather/support/open-meteo-stand-in.ts';
import type { BenchSection } from './types.ts';

const CLIENTS = 50;
const CALLS_PER_CLIENT = 10;
/** Delay the stand-in adds to every reply, standing for the round trip to the real API. */
const UPSTREAM_LATENCY_MS = 40;

async function connectClients(url: string): Promise<Client[]> {
  return Promise.all(
    Array.from({ length: CLIENTS }, async (_, index) => {
      const client = new Client({ name: `bench-${index}`, version: '0.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
      return client;
    }),
  );
}

/** Runs CALLS_PER_CLIENT calls on every client at once and returns calls per second. */
async function throughput(
  clients: Client[],
  argumentsFor: (client: number, call: number) => Record<string, unknown>,
): Promise<number> {
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, clientIndex) => {
      for (let call = 0; call < CALLS_PER_CLIENT; call += 1) {
        const result = await client.callTool({
          name: 'get_current_weather',
          arguments: argumentsFor(clientIndex, call),
        });
        if (result.isError) throw new Error(`benchmark call failed: ${JSON.stringify(result)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return Math.round((clients.length * CALLS_PER_CLIENT) / seconds);
}

/**
 * Measures `conduit weather --transport http` with 50 concurrent MCP clients
 * against a local Open-Meteo stand-in: cached against uncached calls, and
 * how many upstream requests 50 identical concurrent calls cause.
 */
export default async function weatherBenchmark(): Promise<BenchSection> {
  const standIn = await startOpenMeteoStandIn(UPSTREAM_LATENCY_MS);
  const hosts = ['--base-url', '--geocoding-url', '--archive-url', '--air-quality-url'].flatMap(
    (flag) => [flag, standIn.url],
  );
  const server = await startHttpCli(['weather', '--transport', 'http', '--port', '0', ...hosts]);

  try {
    const clients = await connectClients(server.url);

    const cachedArguments = { latitude: 48.85, longitude: 2.35 };
    // Distinct coordinates per round miss the cache, so every call goes upstream.
    const uncachedArguments = (round: number) => (client: number, call: number) => ({
      latitude: round + client / 100,
      longitude: 20 + call / 100,
    });

    // The first round warms up the JIT in both processes and fills the cache entry.
    await throughput(clients, uncachedArguments(0));
    await throughput(clients, () => cachedArguments);
    const uncached = await throughput(clients, uncachedArguments(1));
    const cached = await throughput(clients, () => cachedArguments);

    const before = standIn.hits('/v1/forecast');
    await Promise.all(
      clients.map((client) =>
        client.callTool({
          name: 'get_current_weather',
          arguments: { latitude: -33.87, longitude: 151.21 },
        }),
      ),
    );
    const coalescedHits = standIn.hits('/v1/forecast') - before;

    await Promise.all(clients.map((client) => client.close()));

    return {
      title: 'Weather server: cache and coalescing',
      command: 'npm run build && node --import tsx bench/weather.ts',
      figures: [
        {
          name: `get_current_weather over HTTP, ${CLIENTS} clients, cached`,
          value: cached,
          unit: 'calls/s',
          baseline: { name: 'uncached (every call goes upstream)', value: uncached },
        },
        {
          name: `upstream requests for ${CLIENTS} identical concurrent calls`,
          value: coalescedHits,
          unit: 'requests',
          baseline: { name: 'calls made', value: CLIENTS },
        },
      ],
      notes: [
        `The stand-in on 127.0.0.1 adds ${UPSTREAM_LATENCY_MS} ms to every reply; ` +
          'real Open-Meteo round trips vary with the network, so the ratio is what carries over.',
        `${CLIENTS} clients each make ${CALLS_PER_CLIENT} sequential calls, all clients at once, ` +
          'after one unmeasured round of each kind.',
        'Client and server share the machine, so both figures include the MCP client work.',
      ],
    };
  } finally {
    await server.stop();
    await standIn.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const section = await weatherBenchmark();
  console.log(JSON.stringify(section, null, 2));
}
