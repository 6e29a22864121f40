import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../../client-demo/conversation.ts';
import { runTurn } from '../../client-demo/loop.ts';
import { AnthropicProvider } from '../../client-demo/providers/anthropic.ts';
import { startAnthropicStandIn } from './support/anthropic-stand-in.ts';
import { startHarness, type Harness } from './support/harness.ts';
import type { StandIn } from './support/http-stand-in.ts';
import { sequence, type ModelScript } from './support/model-script.ts';

let harness: Harness;
let standIn: StandIn | undefined;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function converse(script: ModelScript, conversation: ConversationMessage[], maxSteps = 5) {
  standIn = await startAnthropicStandIn(script);
  const provider = new AnthropicProvider({
    label: 'anthropic:stand-in',
    model: 'stand-in',
    apiKey: 'test-key',
    baseURL: standIn.url,
    maxTokens: 1000,
    acceptsImages: true,
    maxRetries: 0,
  });
  const text: string[] = [];
  const end = await runTurn(conversation, {
    provider,
    runner: harness.runner(),
    tools: harness.toolbox.specs(),
    maxSteps,
    signal: new AbortController().signal,
    onEvent: (event) => {
      if (event.type === 'text') text.push(event.delta);
    },
  });
  return { end, text: text.join(''), requests: standIn.requests };
}

type Block = { type: string; [key: string]: unknown };
type Turn = { role: string; content: Block[] };

function turns(request: { body: Record<string, unknown> }): Turn[] {
  return request.body.messages as Turn[];
}

describe('Anthropic loop against a local stand-in', () => {
  it('runs parallel calls over several steps', async () => {
    const result = await converse(
      sequence(
        {
          text: 'Let me add and echo.',
          toolCalls: [
            { name: 'fx__add', arguments: { a: 1, b: 2 } },
            { name: 'fx__echo', arguments: { text: 'hi' } },
          ],
        },
        { toolCalls: [{ name: 'fx__broken', arguments: { id: 'z' } }] },
        { text: 'All done.' },
      ),
      [{ role: 'user', text: 'go' }],
    );

    expect(result.end).toBe('answer');
    expect(result.text).toBe('Let me add and echo.All done.');
    expect(result.requests).toHaveLength(3);

    const second = turns(result.requests[1]!);
    expect(second.map((turn) => turn.role)).toEqual(['user', 'assistant', 'user']);
    const uses = second[1]!.content.filter((block) => block.type === 'tool_use');
    expect(uses.map((block) => block.input)).toEqual([{ a: 1, b: 2 }, { text: 'hi' }]);
    const results = second[2]!.content;
    expect(results.map((block) => block.tool_use_id)).toEqual(['toolu_0_0', 'toolu_0_1']);

    const third = turns(result.requests[2]!);
    const failed = third[4]!.content[0]!;
    expect(failed.is_error).toBe(true);
    expect(JSON.stringify(failed.content)).toContain('Item \\"z\\" was not found');
  });

  it('sends the key, the system prompt and the tools', async () => {
    const result = await converse(sequence({ text: 'hello' }), [{ role: 'user', text: 'hi' }]);
    const request = result.requests[0]!;
    // SDK 1.17 sends the key as a bearer token.
    expect(request.headers.authorization).toBe('Bearer test-key');
    expect(String(request.body.system)).toContain('server__tool');
    const tools = request.body.tools as { name: string; input_schema: { type: string } }[];
    expect(tools.find((tool) => tool.name === 'fx__echo')?.input_schema.type).toBe('object');
  });

  it('passes tool images inside the tool result', async () => {
    const result = await converse(
      sequence({ toolCalls: [{ name: 'fx__picture', arguments: {} }] }, { text: 'red' }),
      [{ role: 'user', text: 'draw' }],
    );
    const block = turns(result.requests[1]!)[2]!.content[0]!;
    const content = block.content as Block[];
    expect(content.map((part) => part.type)).toEqual(['text', 'image']);
  });

  it('merges a new question into the turn after a step limit', async () => {
    const conversation: ConversationMessage[] = [{ role: 'user', text: 'loop' }];
    const first = await converse(
      sequence({ toolCalls: [{ name: 'fx__echo', arguments: { text: 'x' } }] }),
      conversation,
      1,
    );
    expect(first.end).toBe('step-limit');
    await standIn?.close();

    conversation.push({ role: 'user', text: 'stop now' });
    const second = await converse(sequence({ text: 'stopped' }), conversation);
    const roles = turns(second.requests[0]!).map((turn) => turn.role);
    expect(roles).toEqual(['user', 'assistant', 'user']);
    expect(second.text).toBe('stopped');
  });

  it('throws a model error with its status', async () => {
    await expect(
      converse(sequence({ status: 529 }), [{ role: 'user', text: 'hi' }]),
    ).rejects.toThrow(/529/);
  });
});
