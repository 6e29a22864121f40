import type { ServerResponse } from 'node:http';
import { startStandIn, writeSse, type StandIn } from './http-stand-in.ts';
import { halves, type ModelScript, type ScriptedReply } from './model-script.ts';

function chunk(id: string, model: string, delta: unknown, finishReason: string | null = null) {
  return {
    id,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

function streamReply(response: ServerResponse, reply: ScriptedReply, turn: number, model: string) {
  const id = `chatcmpl-${turn}`;
  const events: { data: unknown }[] = [
    { data: chunk(id, model, { role: 'assistant', content: '' }) },
  ];

  if (reply.text) {
    for (const piece of halves(reply.text))
      events.push({ data: chunk(id, model, { content: piece }) });
  }
  (reply.toolCalls ?? []).forEach((call, index) => {
    const [first, second] = halves(JSON.stringify(call.arguments));
    const callId = `call_${turn}_${index}`;
    events.push({
      data: chunk(id, model, {
        tool_calls: [
          { index, id: callId, type: 'function', function: { name: call.name, arguments: first } },
        ],
      }),
    });
    events.push({
      data: chunk(id, model, { tool_calls: [{ index, function: { arguments: second } }] }),
    });
  });

  const finish = reply.toolCalls?.length ? 'tool_calls' : 'stop';
  events.push({ data: chunk(id, model, {}, finish) });
  events.push({ data: '[DONE]' });
  writeSse(response, events);
}

/** Starts a chat-completions server (`POST /v1/chat/completions`, streaming or not) that follows a script. */
export function startOpenAiStandIn(script: ModelScript): Promise<StandIn> {
  return startStandIn((recorded, turn, response) => {
    if (!recorded.path.endsWith('/chat/completions')) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `no route ${recorded.path}` } }));
      return;
    }
    const reply = script(recorded, turn);
    if (reply.status) {
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.errorBody ?? { error: { message: 'scripted failure' } }));
      return;
    }
    const model = String(recorded.body.model);
    if (recorded.body.stream === true) {
      streamReply(response, reply, turn, model);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        id: `chatcmpl-${turn}`,
        object: 'chat.completion',
        created: 1_700_000_000,
        model,
        choices: [
          {
            index: 0,
            finish_reason: reply.toolCalls?.length ? 'tool_calls' : 'stop',
            message: {
              role: 'assistant',
              content: reply.text ?? null,
              tool_calls: (reply.toolCalls ?? []).map((call, index) => ({
                id: `call_${turn}_${index}`,
                type: 'function',
                function: { name: call.name, arguments: JSON.stringify(call.arguments) },
              })),
            },
          },
        ],
      }),
    );
  });
}
