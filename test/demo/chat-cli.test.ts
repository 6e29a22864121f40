import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer } from './support/fixture-servers.ts';
import type { StandIn } from './support/http-stand-in.ts';
import { sequence } from './support/model-script.ts';
import { startOpenAiStandIn } from './support/openai-stand-in.ts';
import { cleanEnv, runCli } from './support/run-cli.ts';

let folder: string;
let configPath: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'conduit-chat-cli-'));
  configPath = join(folder, 'servers.json');
  const fx = fixtureServer('fx');
  const broken = fixtureServer('broken', ['--exit']);
  writeFileSync(
    configPath,
    JSON.stringify({
      mcpServers: {
        fx: { command: fx.command, args: fx.args },
        broken: { command: broken.command, args: broken.args },
      },
    }),
  );
});

describe('conduit chat', () => {
  let standIn: StandIn;

  beforeAll(async () => {
    standIn = await startOpenAiStandIn(
      sequence(
        {
          text: 'Adding. ',
          toolCalls: [
            { name: 'fx__add', arguments: { a: 20, b: 22 } },
            { name: 'fx__picture', arguments: {} },
          ],
        },
        { text: 'The answer is 42.' },
      ),
    );
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('answers one question with -p and prints the transcript with --json', async () => {
    const run = await runCli(
      [
        'chat',
        '--config',
        configPath,
        '--model',
        'openai:stand-in',
        '-p',
        'What is 20 + 22?',
        '--json',
        '--image-dir',
        join(folder, 'images'),
      ],
      { env: cleanEnv({ OPENAI_BASE_URL: `${standIn.url}/v1` }) },
    );

    expect(run.code, run.stderr).toBe(0);
    const transcript = JSON.parse(run.stdout) as {
      model: string;
      servers: { name: string; status: string }[];
      messages: {
        role: string;
        text?: string;
        results?: { text: string; images: { path: string }[] }[];
      }[];
    };
    expect(transcript.model).toBe('openai:stand-in');
    expect(transcript.servers.map((server) => [server.name, server.status])).toEqual([
      ['fx', 'connected'],
      ['broken', 'failed'],
    ]);
    expect(transcript.messages.at(-1)?.text).toBe('The answer is 42.');
    const results = transcript.messages.find((message) => message.role === 'tool')?.results;
    expect(results?.[0]?.text).toBe('20 + 22 = 42');
    expect(results?.[1]?.images[0]?.path).toContain(join(folder, 'images'));

    expect(run.stderr).toContain('broken did not start');
    expect(run.stderr).toContain('→ fx__add {"a":20,"b":22}');
    expect(run.stderr).toContain('image saved to');
  });

  it('streams the answer to stdout with -p', async () => {
    const run = await runCli(
      ['chat', '--config', configPath, '--model', 'openai:stand-in', '-p', 'again'],
      {
        env: cleanEnv({ OPENAI_BASE_URL: `${standIn.url}/v1` }),
      },
    );
    expect(run.code, run.stderr).toBe(0);
    // The script's last reply repeats for every later request.
    expect(run.stdout.trim()).toBe('The answer is 42.');
  });

  it('offers the tool shell without a model', async () => {
    const run = await runCli(['chat', '--config', configPath], {
      input: '/tools\n/call fx__add {"a": 1, "b": 2}\nhello\n/servers\n/quit\n',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('No model is configured');
    expect(run.stdout).toContain('fx__delete_item (asks first)');
    expect(run.stdout).toContain('"sum": 3');
    expect(run.stdout).toMatch(/✗ broken, stdio: /);
  });

  it('declines destructive calls without a terminal', async () => {
    const run = await runCli(['chat', '--config', configPath], {
      input: '/call fx__delete_item {"id": "a"}\n',
    });
    expect(run.stderr).toContain('declined because no terminal can confirm it');
    expect(run.stderr).toContain('✗ fx__delete_item');
    expect(run.stdout).not.toContain('"deleted"');
  });

  it('runs destructive calls with --yes', async () => {
    const run = await runCli(['chat', '--config', configPath, '--yes'], {
      input: '/call fx__delete_item {"id": "a"}\n',
    });
    expect(run.stdout).toContain('"deleted"');
  });

  it('exits with 2 for -p without a model', async () => {
    const run = await runCli(['chat', '--config', configPath, '-p', 'hi']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--model PROVIDER:MODEL');
  });

  it('rejects an unknown provider', async () => {
    const run = await runCli(['chat', '--model', 'nobody:x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown model provider "nobody"');
  });

  it('reports a model that cannot be reached', async () => {
    const run = await runCli(['chat', '--config', configPath, '--model', 'openai:x', '-p', 'hi'], {
      env: cleanEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The model request to openai:x failed');
  });
});
