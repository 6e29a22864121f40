import type OpenAI from 'openai';
import type { ConversationMessage, ToolCallRequest } from '../conversation.ts';
import type { ToolSpec } from '../toolbox.ts';
import type { ModelProvider, ModelReply, ModelRequest } from './types.ts';

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type ChatTool = OpenAI.Chat.Completions.ChatCompletionTool;
type ContentPart = OpenAI.Chat.Completions.ChatCompletionContentPart;

export interface OpenAiSettings {
  label: string;
  model: string;
  apiKey: string;
  baseURL?: string | undefined;
  acceptsImages: boolean;
  maxRetries?: number;
}

function toTools(tools: readonly ToolSpec[]): ChatTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
  }));
}

/**
 * Maps the conversation to chat-completions messages. Tool messages carry
 * text only, so images follow them in one user message when the model
 * accepts images.
 */
export function toChatMessages(
  system: string,
  messages: readonly ConversationMessage[],
  acceptsImages: boolean,
): ChatMessage[] {
  const result: ChatMessage[] = [{ role: 'system', content: system }];

  for (const message of messages) {
    if (message.role === 'user') {
      result.push({ role: 'user', content: message.text });
    } else if (message.role === 'assistant') {
      result.push({
        role: 'assistant',
        content: message.text === '' ? null : message.text,
        ...(message.toolCalls.length === 0
          ? {}
          : {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.arguments || '{}' },
              })),
            }),
      });
    } else {
      const parts: ContentPart[] = [];
      for (const item of message.results) {
        result.push({
          role: 'tool',
          tool_call_id: item.callId,
          content: item.isError ? `Error: ${item.text}` : item.text,
        });
        if (!acceptsImages) continue;
        for (const image of item.images) {
          parts.push({
            type: 'image_url',
            image_url: { url: `data:${image.mimeType};base64,${image.data}` },
          });
        }
      }
      if (parts.length > 0) {
        result.push({
          role: 'user',
          content: [{ type: 'text', text: 'Images returned by the tools above:' }, ...parts],
        });
      }
    }
  }
  return result;
}

/** Chat completions through the official `openai` SDK: OpenAI and every compatible server. */
export class OpenAiProvider implements ModelProvider {
  readonly label: string;
  readonly acceptsImages: boolean;
  private client: OpenAI | undefined;

  constructor(private readonly settings: OpenAiSettings) {
    this.label = settings.label;
    this.acceptsImages = settings.acceptsImages;
  }

  private async sdk(): Promise<OpenAI> {
    if (!this.client) {
      const { default: OpenAIClient } = await import('openai');
      this.client = new OpenAIClient({
        apiKey: this.settings.apiKey,
        ...(this.settings.baseURL === undefined ? {} : { baseURL: this.settings.baseURL }),
        maxRetries: this.settings.maxRetries ?? 2,
      });
    }
    return this.client;
  }

  async complete(request: ModelRequest): Promise<ModelReply> {
    const client = await this.sdk();
    const tools = toTools(request.tools);
    const stream = await client.chat.completions.create(
      {
        model: this.settings.model,
        messages: toChatMessages(request.system, request.messages, this.acceptsImages),
        ...(tools.length === 0 ? {} : { tools }),
        stream: true,
      },
      { signal: request.signal },
    );

    let text = '';
    const calls = new Map<number, ToolCallRequest>();
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      if (!delta) continue;

      if (delta.content) {
        text += delta.content;
        request.onText(delta.content);
      }
      for (const piece of delta.tool_calls ?? []) {
        const call = calls.get(piece.index) ?? { id: '', name: '', arguments: '' };
        if (piece.id) call.id = piece.id;
        if (piece.function?.name) call.name += piece.function.name;
        if (piece.function?.arguments) call.arguments += piece.function.arguments;
        calls.set(piece.index, call);
      }
    }

    const toolCalls = [...calls.entries()]
      .sort(([left], [right]) => left - right)
      .map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
    return { text, toolCalls };
  }
}
