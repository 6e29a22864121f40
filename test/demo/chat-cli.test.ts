import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeParameters } from '../../client-demo/terminal/tool-details.ts';
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

  it('shows the arguments of one tool', async () => {
    const run = await runCli(['chat', '--config', configPath], {
      input: '/tools fx__slow\n/tools fx__picture\n/tools fx__\n',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Waits `steps` times `stepMs` milliseconds');
    expect(run.stdout).toMatch(/^ {2}steps {3}integer, required$/m);
    expect(run.stdout).toMatch(/^ {2}stepMs {2}integer, required$/m);
    expect(run.stdout).toContain('Arguments: none, so call it with {}');
    // A part of a name still lists the matching tools.
    expect(run.stdout).toContain('fx__delete_item (asks first)\n    Deletes an item by id.');
  });

  it('writes /call results to stdout and errors to stderr', async () => {
    const run = await runCli(['chat', '--config', configPath], {
      input: '/call fx__echo {"text": "hello there"}\n/call fx__broken {"id": "x"}\n',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('✓ fx__echo');
    expect(run.stdout).toContain('"echoed": "hello there"');
    expect(run.stderr).toContain('→ fx__echo {"text":"hello there"}');
    expect(run.stderr).toContain('✗ fx__broken');
    expect(run.stdout).not.toContain('fx__broken');
  });

  it('declines destructive calls without a terminal', async () => {
    const run = await runCli(['chat', '--config', configPath], {
      input: '/call fx__delete_item {"id": "a"}\n',
    });
    expect(run.stderr).toContain('declined because no terminal can confirm it');
    expect(run.stderr).toContain('✗ fx__delete_item');
    expect(run.stderr).toContain(
      'Not run: fx__delete_item can change data and the call was not confirmed. Add --yes',
    );
    expect(run.stderr).not.toContain('Do not retry');
    expect(run.stdout).not.toContain('"deleted"');
  });

  it('runs destructive calls with --yes', async () => {
    const run = await runCli(['chat', '--config', configPath, '--yes'], {
      input: '/call fx__delete_item {"id": "a"}\n',
    });
    expect(run.stdout).toContain('"deleted"');
  });

  it('exits with 2 for -p without a model', async () => {
    const run = await runCli(['chat', '--config', configPath, '-p', 'hi', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('conduit chat: -p needs a model');
    expect(run.stderr).toContain('--model PROVIDER:MODEL');
    expect(run.stderr).not.toContain('No model is configured');
    expect(run.stdout).toBe('');
  });

  it('lists only the options of each command', async () => {
    const chat = await runCli(['chat', '--help']);
    const demo = await runCli(['demo', '--help']);
    expect(chat.code).toBe(0);
    expect(demo.code).toBe(0);
    expect(chat.stdout).toContain('-p, --prompt TEXT');
    expect(chat.stdout).not.toContain('--scripted');
    expect(demo.stdout).toMatch(/^ {2}--scripted {2,}\S/m);
    expect(demo.stdout).not.toContain('--prompt');
  });

  it('rejects the options of the other command', async () => {
    const demo = await runCli(['demo', '-p', 'hi']);
    const chat = await runCli(['chat', '--scripted']);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toContain('-p/--prompt is an option of conduit chat');
    expect(chat.code).toBe(2);
    expect(chat.stderr).toContain('--scripted is an option of conduit demo');
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
    expect(run.stderr).toContain('It was sent to http://127.0.0.1:9/v1.');
    expect(run.stderr).toContain('set --base-url URL or OPENAI_BASE_URL.');
  });

  it('names the Ollama address it tried without the key', async () => {
    const secret = 'sk-test-ollama-secret';
    const run = await runCli(
      ['chat', '--config', configPath, '--model', 'ollama:qwen2.5', '-p', 'hi'],
      { env: cleanEnv({ OLLAMA_HOST: 'user:pass@127.0.0.1:9', OLLAMA_API_KEY: secret }) },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The model request to ollama:qwen2.5 failed');
    expect(run.stderr).toContain('It was sent to http://127.0.0.1:9/v1.');
    expect(run.stderr).toContain('set --base-url URL or OLLAMA_BASE_URL or OLLAMA_HOST.');
    expect(run.stderr).not.toContain(secret);
    expect(run.stderr).not.toContain('pass@');
  });
});

describe('tool arguments', () => {
  it('lists types, requirements, enums and defaults', () => {
    const lines = describeParameters({
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['bar', 'line'], description: 'Chart type' },
        limit: { type: 'integer', default: 30 },
        tags: { type: 'array', items: { type: ['string', 'number'] } },
        dataset: {
          type: 'object',
          properties: { table: { type: 'string', description: 'A table name' } },
          required: ['table'],
        },
      },
      required: ['kind', 'dataset'],
    });
    expect(lines).toEqual([
      'Arguments:',
      '  kind     string, required, one of: bar, line: Chart type',
      '  limit    integer, optional, default 30',
      '  tags     array of (string | number), optional',
      '  dataset  object, required',
      '      table  string, required: A table name',
    ]);
  });

  it('says when a tool takes no arguments', () => {
    expect(describeParameters({ type: 'object', properties: {} })).toEqual([
      'Arguments: none, so call it with {}',
    ]);
  });
});
