import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servers } from '../../cli/registry.ts';
import { CONDUIT_SERVERS } from '../../client-demo/server-config.ts';
import { TOUR } from '../../client-demo/tour.ts';
import {
  startMyMemoryStandIn,
  startOpenMeteoStandIn,
  type ApiStandIn,
} from './support/api-stand-ins.ts';
import { fixtureServer } from './support/fixture-servers.ts';
import type { StandIn } from './support/http-stand-in.ts';
import { startOpenAiStandIn } from './support/openai-stand-in.ts';
import { cleanEnv, runCli } from './support/run-cli.ts';

interface TourTranscript {
  scripted: boolean;
  model: string | null;
  servers: { name: string; status: string; error?: string }[];
  steps?: {
    question: string;
    tool: string;
    arguments: Record<string, unknown>;
    isError: boolean;
    text: string;
    imagePaths: string[];
    structured?: { rows?: unknown[][]; columns?: { name: string }[] };
  }[];
  messages: { role: string; text?: string }[];
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const missing = CONDUIT_SERVERS.filter((name) => !(name in servers));

// The scripted tour needs all four servers in the registry.
describe.skipIf(missing.length > 0)('scripted tour against the real servers', () => {
  let weather: ApiStandIn;
  let translation: ApiStandIn;
  let folder: string;

  beforeAll(async () => {
    weather = await startOpenMeteoStandIn();
    translation = await startMyMemoryStandIn();
    folder = mkdtempSync(join(tmpdir(), 'conduit-tour-'));
  });
  afterAll(async () => {
    await weather.close();
    await translation.close();
  });

  it('runs every step with its result', async () => {
    const run = await runCli(['demo', '--json', '--image-dir', join(folder, 'images')], {
      env: cleanEnv({
        CONDUIT_DATA_DIR: join(folder, 'data'),
        OPEN_METEO_BASE_URL: weather.url,
        OPEN_METEO_GEOCODING_URL: weather.url,
        CONDUIT_TRANSLATION_PROVIDER: 'mymemory',
        MYMEMORY_URL: translation.url,
      }),
      timeoutMs: 120_000,
    });
    const transcript = JSON.parse(run.stdout) as TourTranscript;
    const steps = transcript.steps ?? [];

    expect(run.stderr).toContain('scripted: fixed tool calls, no model involved');
    expect(transcript.scripted).toBe(true);
    expect(transcript.servers.filter((server) => server.status !== 'connected')).toEqual([]);
    expect(steps.map((step) => step.tool)).toEqual(TOUR.map((step) => step.tool));
    for (const step of steps) expect(step.isError, `${step.tool}: ${step.text}`).toBe(false);
    expect(run.code, run.stderr).toBe(0);

    const revenue = steps[0]?.structured;
    const cityColumn = revenue?.columns?.findIndex((column) => column.name === 'city') ?? -1;
    const topCity = revenue?.rows?.[0]?.[cityColumn];
    expect(typeof topCity).toBe('string');
    expect(steps[1]?.arguments.place).toBe(topCity);
    expect(weather.requests.some((request) => request.startsWith('/v1/search'))).toBe(true);
    expect(weather.requests.some((request) => request.startsWith('/v1/forecast'))).toBe(true);

    expect(translation.requests.length).toBeGreaterThan(0);
    expect(steps[3]?.text).toContain('[en]');

    const chart = steps[4]?.imagePaths[0];
    expect(chart).toBeDefined();
    expect(existsSync(chart!)).toBe(true);
    expect(readFileSync(chart!).subarray(0, 4).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('writes the step results to stdout', async () => {
    const run = await runCli(['demo', '--image-dir', join(folder, 'images')], {
      env: cleanEnv({
        CONDUIT_DATA_DIR: join(folder, 'data'),
        OPEN_METEO_BASE_URL: weather.url,
        OPEN_METEO_GEOCODING_URL: weather.url,
        CONDUIT_TRANSLATION_PROVIDER: 'mymemory',
        MYMEMORY_URL: translation.url,
      }),
      timeoutMs: 120_000,
    });
    expect(run.code, run.stderr).toBe(0);
    for (const [index, step] of TOUR.entries()) {
      expect(run.stdout).toContain(`${index + 1}. ${step.question}`);
      expect(run.stdout).toContain(`✓ ${step.tool}`);
    }
    expect(run.stdout).toContain('image saved to');
    expect(run.stdout).toContain(`${TOUR.length} of ${TOUR.length} steps succeeded.`);
    // The calls themselves are activity, not results.
    expect(run.stdout).not.toContain('→ database__query');
    expect(run.stderr).toContain('→ database__query');
  });

  it('lets a model call the real servers', async () => {
    const model = await startOpenAiStandIn((request, turn) => {
      if (turn === 0) {
        return {
          toolCalls: [
            { name: 'database__query', arguments: { sql: 'SELECT COUNT(*) AS n FROM products' } },
            { name: 'weather__get_current_weather', arguments: { place: 'Tokyo' } },
          ],
        };
      }
      const messages = request.body.messages as { role: string; content: string }[];
      const results = messages.filter((message) => message.role === 'tool');
      return { text: `Seen ${results.length} results.` };
    });
    try {
      const run = await runCli(
        [
          'chat',
          '--model',
          'openai:stand-in',
          '-p',
          'How many products, and the weather in Tokyo?',
          '--json',
        ],
        {
          env: cleanEnv({
            OPENAI_BASE_URL: `${model.url}/v1`,
            CONDUIT_DATA_DIR: join(folder, 'data'),
            OPEN_METEO_BASE_URL: weather.url,
            OPEN_METEO_GEOCODING_URL: weather.url,
          }),
          timeoutMs: 120_000,
        },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('✓ database__query');
      expect(run.stderr).toContain('✓ weather__get_current_weather');
      const transcript = JSON.parse(run.stdout) as TourTranscript;
      expect(transcript.messages.at(-1)?.text).toBe('Seen 2 results.');
    } finally {
      await model.close();
    }
  });
});

describe('tour answered by a model', () => {
  let standIn: StandIn;
  let configPath: string;

  beforeAll(async () => {
    standIn = await startOpenAiStandIn((request) => {
      const messages = request.body.messages as { role: string; content: string }[];
      return { text: `Answer to: ${messages.at(-1)?.content}` };
    });
    const folder = mkdtempSync(join(tmpdir(), 'conduit-tour-model-'));
    configPath = join(folder, 'servers.json');
    const fx = fixtureServer('fx');
    writeFileSync(
      configPath,
      JSON.stringify({ mcpServers: { fx: { command: fx.command, args: fx.args } } }),
    );
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('asks the model every tour question', async () => {
    const run = await runCli(
      ['demo', '--config', configPath, '--model', 'openai:stand-in', '--json'],
      {
        env: cleanEnv({ OPENAI_BASE_URL: `${standIn.url}/v1` }),
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const transcript = JSON.parse(run.stdout) as TourTranscript;
    expect(transcript.scripted).toBe(false);
    expect(transcript.model).toBe('openai:stand-in');
    const questions = transcript.messages.filter((message) => message.role === 'user');
    expect(questions.map((message) => message.text)).toEqual(TOUR.map((step) => step.question));
    expect(transcript.messages.at(-1)?.text).toBe(`Answer to: ${TOUR.at(-1)?.question}`);
    expect(standIn.requests).toHaveLength(TOUR.length);
  });

  it('writes tool results and answers to stdout', async () => {
    const model = await startOpenAiStandIn((request, turn) => {
      if (turn === 0) return { toolCalls: [{ name: 'fx__add', arguments: { a: 2, b: 3 } }] };
      const messages = request.body.messages as { role: string; content: string }[];
      return { text: `Answer to: ${messages.at(-1)?.content}` };
    });
    try {
      const run = await runCli(['demo', '--config', configPath, '--model', 'openai:stand-in'], {
        env: cleanEnv({ OPENAI_BASE_URL: `${model.url}/v1` }),
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`1. ${TOUR[0]?.question}`);
      expect(run.stdout).toContain('✓ fx__add');
      expect(run.stdout).toContain('2 + 3 = 5');
      expect(run.stdout).toContain(`Answer to: ${TOUR.at(-1)?.question}`);
      expect(run.stderr).toContain('→ fx__add {"a":2,"b":3}');
      expect(run.stderr).not.toContain('✓ fx__add');
    } finally {
      await model.close();
    }
  });

  it('runs scripted with --scripted even when a model is set', async () => {
    const run = await runCli(
      ['demo', '--config', configPath, '--model', 'openai:stand-in', '--scripted', '--json'],
      { env: cleanEnv({ OPENAI_BASE_URL: `${standIn.url}/v1` }) },
    );
    const transcript = JSON.parse(run.stdout) as TourTranscript;
    expect(transcript.scripted).toBe(true);
    // The fixture server has none of the tour's tools, so every step fails.
    expect(transcript.steps?.every((step) => step.isError)).toBe(true);
    expect(run.code).toBe(1);
  });
});
