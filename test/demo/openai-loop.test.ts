import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../../client-demo/conversation.ts';
import { runTurn } from '../../client-demo/loop.ts';
import { OpenAiProvider } from '../../client-demo/providers/openai.ts';
import { startHarness, type Harness } from './support/harness.ts';
import type { StandIn } from './support/http-stand-in.ts';
import { sequence, type ModelScript } from './support/model-script.ts';
import { startOpenAiStandIn } from './support/openai-stand-in.ts';

let harness: Harness;
let standIn: StandIn | undefined;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => {
  harness.events.length = 0;
  harness.approvals.length = 0;
  harness.approve.answer = false;
});
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function converse(
  script: ModelScript,
  options: { maxSteps?: number; acceptsImages?: boolean; timeoutMs?: number } = {},
) {
  standIn = await startOpenAiStandIn(script);
  const provider = new OpenAiProvider({
    label: 'openai:stand-in',
    model: 'stand-in',
    apiKey: 'test-key',
    baseURL: `${standIn.url}/v1`,
    acceptsImages: options.acceptsImages ?? false,
    maxRetries: 0,
  });
  const conversation: ConversationMessage[] = [{ role: 'user', text: 'question' }];
  const text: string[] = [];
  const end = await runTurn(conversation, {
    provider,
    runner: harness.runner({ timeoutMs: options.timeoutMs ?? 10_000 }),
    tools: harness.toolbox.specs(),
    maxSteps: options.maxSteps ?? 5,
    signal: new AbortController().signal,
    onEvent: (event) => {
      if (event.type === 'text') text.push(event.delta);
    },
  });
  return { end, conversation, text: text.join(''), requests: standIn.requests };
}

function toolMessages(request: { body: Record<string, unknown> }) {
  const messages = request.body.messages as {
    role: string;
    content: unknown;
    tool_call_id?: string;
  }[];
  return messages.filter((message) => message.role === 'tool');
}

describe('OpenAI loop against a local stand-in', () => {
  it('runs a multi-step conversation', async () => {
    const result = await converse(
      sequence(
        { toolCalls: [{ name: 'fx__add', arguments: { a: 2, b: 3 } }] },
        { toolCalls: [{ name: 'fx__echo', arguments: { text: 'five' } }] },
        { text: 'The sum is 5.' },
      ),
    );

    expect(result.end).toBe('answer');
    expect(result.text).toBe('The sum is 5.');
    expect(result.requests).toHaveLength(3);
    expect(toolMessages(result.requests[1]!)[0]?.content).toBe('2 + 3 = 5');
    expect(toolMessages(result.requests[2]!).map((message) => message.content)).toEqual([
      '2 + 3 = 5',
      'five',
    ]);
    expect(result.requests[0]?.body.stream).toBe(true);
  });

  it('offers every tool under its qualified name', async () => {
    const result = await converse(sequence({ text: 'hi' }));
    const tools = result.requests[0]?.body.tools as { function: { name: string } }[];
    expect(tools.map((tool) => tool.function.name)).toContain('fx__delete_item');
    expect(result.requests[0]?.headers.authorization).toBe('Bearer test-key');
  });

  it('runs parallel calls together', async () => {
    const result = await converse(
      sequence(
        {
          toolCalls: [
            { name: 'fx__slow', arguments: { steps: 2, stepMs: 100 } },
            { name: 'fx__slow', arguments: { steps: 2, stepMs: 100 } },
          ],
        },
        { text: 'done' },
      ),
    );

    const kinds = harness.events
      .map((event) => event.type)
      .filter((type) => type.startsWith('tool-s') || type === 'tool-end');
    // Both calls start before either ends.
    expect(kinds.slice(0, 2)).toEqual(['tool-start', 'tool-start']);
    const results = toolMessages(result.requests[1]!);
    expect(results.map((message) => message.tool_call_id)).toEqual(['call_0_0', 'call_0_1']);
    expect(results.map((message) => message.content)).toEqual([
      'finished 2 steps',
      'finished 2 steps',
    ]);
  });

  it('returns a failing tool as an error result', async () => {
    const result = await converse(
      sequence(
        { toolCalls: [{ name: 'fx__broken', arguments: { id: 'w-9' } }] },
        { text: 'sorry' },
      ),
    );
    const content = String(toolMessages(result.requests[1]!)[0]?.content);
    expect(content).toContain('Item "w-9" was not found');
    expect(content).toContain('Next step: call echo instead');
    expect(result.end).toBe('answer');
  });

  it('answers an unknown tool with the known names', async () => {
    const result = await converse(
      sequence({ toolCalls: [{ name: 'fx__nothing', arguments: {} }] }, { text: 'ok' }),
    );
    const content = String(toolMessages(result.requests[1]!)[0]?.content);
    expect(content).toContain('Unknown tool "fx__nothing"');
    expect(content).toContain('fx__echo');
  });

  it('stops at the step limit', async () => {
    const result = await converse(
      sequence({ toolCalls: [{ name: 'fx__echo', arguments: { text: 'again' } }] }),
      {
        maxSteps: 3,
      },
    );
    expect(result.end).toBe('step-limit');
    expect(result.requests).toHaveLength(3);
    expect(result.conversation.at(-1)?.role).toBe('tool');
  });

  it('asks before a destructive tool and honours a refusal', async () => {
    harness.approve.answer = false;
    const result = await converse(
      sequence(
        { toolCalls: [{ name: 'fx__delete_item', arguments: { id: 'a-1' } }] },
        { text: 'ok' },
      ),
    );
    expect(harness.approvals.map((entry) => entry.name)).toEqual(['fx__delete_item']);
    expect(String(toolMessages(result.requests[1]!)[0]?.content)).toContain('The user declined');
  });

  it('runs a destructive tool once approved', async () => {
    harness.approve.answer = true;
    const result = await converse(
      sequence(
        { toolCalls: [{ name: 'fx__delete_item', arguments: { id: 'a-2' } }] },
        { text: 'ok' },
      ),
    );
    expect(harness.approvals).toHaveLength(1);
    expect(toolMessages(result.requests[1]!)[0]?.content).toBe('deleted a-2');
  });

  it('does not ask before read-only tools', async () => {
    await converse(
      sequence({ toolCalls: [{ name: 'fx__echo', arguments: { text: 'x' } }] }, { text: 'ok' }),
    );
    expect(harness.approvals).toHaveLength(0);
  });

  it('saves images and passes them to a model that accepts them', async () => {
    const result = await converse(
      sequence({ toolCalls: [{ name: 'fx__picture', arguments: {} }] }, { text: 'a red pixel' }),
      { acceptsImages: true },
    );
    const toolResult = result.conversation.find((message) => message.role === 'tool');
    const path = toolResult?.role === 'tool' ? toolResult.results[0]?.imagePaths[0] : undefined;
    expect(path).toBeDefined();
    expect(existsSync(path!)).toBe(true);

    const messages = result.requests[1]?.body.messages as { role: string; content: unknown }[];
    const imageMessage = messages.at(-1);
    expect(imageMessage?.role).toBe('user');
    expect(JSON.stringify(imageMessage?.content)).toContain('data:image/png;base64,');
  });

  it('keeps images from a model that does not accept them', async () => {
    const result = await converse(
      sequence({ toolCalls: [{ name: 'fx__picture', arguments: {} }] }, { text: 'ok' }),
      { acceptsImages: false },
    );
    expect(JSON.stringify(result.requests[1]?.body.messages)).not.toContain('base64');
  });

  it('lets progress extend the call timeout', async () => {
    // Six steps of 150 ms take 900 ms, well past the 400 ms timeout, but each
    // progress notification restarts it.
    const result = await converse(
      sequence(
        { toolCalls: [{ name: 'fx__slow', arguments: { steps: 6, stepMs: 150 } }] },
        { text: 'ok' },
      ),
      { timeoutMs: 400 },
    );
    expect(toolMessages(result.requests[1]!)[0]?.content).toBe('finished 6 steps');
    const progress = harness.events.filter((event) => event.type === 'tool-progress');
    expect(progress.length).toBeGreaterThanOrEqual(5);
  });

  it('times out a call that reports no progress', async () => {
    const result = await converse(
      sequence(
        { toolCalls: [{ name: 'fx__slow', arguments: { steps: 1, stepMs: 900 } }] },
        { text: 'ok' },
      ),
      { timeoutMs: 300 },
    );
    expect(String(toolMessages(result.requests[1]!)[0]?.content)).toContain('timed out');
  });

  it('cancels running calls and keeps the conversation valid', async () => {
    standIn = await startOpenAiStandIn(
      sequence({ toolCalls: [{ name: 'fx__slow', arguments: { steps: 20, stepMs: 100 } }] }),
    );
    const provider = new OpenAiProvider({
      label: 'openai:stand-in',
      model: 'stand-in',
      apiKey: 'test-key',
      baseURL: `${standIn.url}/v1`,
      acceptsImages: false,
      maxRetries: 0,
    });
    const controller = new AbortController();
    const conversation: ConversationMessage[] = [{ role: 'user', text: 'wait' }];
    const end = runTurn(conversation, {
      provider,
      runner: harness.runner(),
      tools: harness.toolbox.specs(),
      maxSteps: 5,
      signal: controller.signal,
      onEvent: () => {},
    });
    // The call takes 2 s; Ctrl-C arrives while it runs.
    setTimeout(() => controller.abort(), 500);

    expect(await end).toBe('cancelled');
    const last = conversation.at(-1);
    expect(last?.role).toBe('tool');
    expect(last?.role === 'tool' ? last.results[0]?.text : '').toContain('cancelled');
    expect(standIn.requests).toHaveLength(1);
  });

  it('reports invalid JSON arguments to the model', async () => {
    standIn = await startOpenAiStandIn(sequence({ text: 'unused' }));
    const runner = harness.runner();
    const result = await runner.run(
      { id: 'c1', name: 'fx__echo', arguments: '{"text": ' },
      new AbortController().signal,
    );
    expect(result.isError).toBe(true);
    expect(result.text).toContain('not valid JSON');
  });

  it('throws a model error with its status', async () => {
    await expect(
      converse(
        sequence({ status: 401, errorBody: { error: { message: 'Incorrect API key provided' } } }),
      ),
    ).rejects.toThrow(/401/);
  });
});
