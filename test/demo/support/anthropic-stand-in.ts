import type { ServerResponse } from 'node:http';
import { startStandIn, writeSse, type StandIn } from './http-stand-in.ts';
import { halves, type ModelScript, type ScriptedReply } from './model-script.ts';

function streamReply(response: ServerResponse, reply: ScriptedReply, turn: number, model: string) {
  const events: { event: string; data: unknown }[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          id: `msg_${turn}`,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 1 },
        },
      },
    },
  ];

  let index = 0;
  if (reply.text) {
    events.push({
      event: 'content_block_start',
      data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
    });
    for (const piece of halves(reply.text)) {
      events.push({
        event: 'content_block_delta',
        data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } },
      });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
    index += 1;
  }

  for (const [position, call] of (reply.toolCalls ?? []).entries()) {
    events.push({
      event: 'content_block_start',
      data: {
        type: 'content_block_start',
        index,
        content_block: {
          type: 'tool_use',
          id: `toolu_${turn}_${position}`,
          name: call.name,
          input: {},
        },
      },
    });
    for (const piece of halves(JSON.stringify(call.arguments))) {
      events.push({
        event: 'content_block_delta',
        data: {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: piece },
        },
      });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
    index += 1;
  }

  events.push({
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: {
        stop_reason: reply.toolCalls?.length ? 'tool_use' : 'end_turn',
        stop_sequence: null,
      },
      usage: { output_tokens: 5 },
    },
  });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  writeSse(response, events);
}

/** Starts a Messages API server (`POST /v1/messages`, streaming) that follows a script. */
export function startAnthropicStandIn(script: ModelScript): Promise<StandIn> {
  return startStandIn((recorded, turn, response) => {
    if (!recorded.path.endsWith('/v1/messages')) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          type: 'error',
          error: { type: 'not_found_error', message: recorded.path },
        }),
      );
      return;
    }
    const reply = script(recorded, turn);
    if (reply.status) {
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          reply.errorBody ?? {
            type: 'error',
            error: { type: 'api_error', message: 'scripted failure' },
          },
        ),
      );
      return;
    }
    streamReply(response, reply, turn, String(recorded.body.model));
  });
}
