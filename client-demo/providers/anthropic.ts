import type Anthropic from '@anthropic-ai/sdk';
import type { ConversationMessage } from '../conversation.ts';
import type { ModelProvider, ModelReply, ModelRequest } from './types.ts';

type MessageParam = Anthropic.MessageParam;
type ContentBlockParam = Anthropic.ContentBlockParam;
type ToolResultContent = Exclude<Anthropic.ToolResultBlockParam['content'], string | undefined>;
type ImageMediaType = Anthropic.Base64ImageSource['media_type'];

const IMAGE_TYPES = new Set<string>(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export interface AnthropicSettings {
  label: string;
  model: string;
  apiKey: string;
  baseURL?: string | undefined;
  maxTokens: number;
  acceptsImages: boolean;
  maxRetries?: number;
}

function blocksOf(message: ConversationMessage, acceptsImages: boolean): ContentBlockParam[] {
  if (message.role === 'user') return [{ type: 'text', text: message.text }];

  if (message.role === 'assistant') {
    const blocks: ContentBlockParam[] = [];
    if (message.text !== '') blocks.push({ type: 'text', text: message.text });
    for (const call of message.toolCalls) {
      let input: unknown = {};
      try {
        input = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
      } catch {
        // The tool result already informs the model that its arguments were not JSON.
      }
      blocks.push({ type: 'tool_use', id: call.id, name: call.name, input });
    }
    return blocks;
  }

  return message.results.map((item) => {
    const content: ToolResultContent = [{ type: 'text', text: item.text || '(no output)' }];
    if (acceptsImages) {
      for (const image of item.images) {
        if (!IMAGE_TYPES.has(image.mimeType)) continue;
        content.push({
          type: 'image',
          source: {
            type: 'base64',
            media_type: image.mimeType as ImageMediaType,
            data: image.data,
          },
        });
      }
    }
    return { type: 'tool_result', tool_use_id: item.callId, content, is_error: item.isError };
  });
}

/**
 * Maps the conversation to Messages API turns. Tool results travel in a user
 * turn, and a user message typed after a stopped turn would make two user
 * turns in a row, so turns of the same role are merged.
 */
export function toAnthropicMessages(
  messages: readonly ConversationMessage[],
  acceptsImages: boolean,
): MessageParam[] {
  const result: MessageParam[] = [];
  for (const message of messages) {
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = blocksOf(message, acceptsImages);
    if (blocks.length === 0) continue;

    const last = result.at(-1);
    if (last && last.role === role) (last.content as ContentBlockParam[]).push(...blocks);
    else result.push({ role, content: blocks });
  }
  return result;
}

/** The Messages API through the official `@anthropic-ai/sdk`. */
export class AnthropicProvider implements ModelProvider {
  readonly label: string;
  readonly acceptsImages: boolean;
  private client: Anthropic | undefined;

  constructor(private readonly settings: AnthropicSettings) {
    this.label = settings.label;
    this.acceptsImages = settings.acceptsImages;
  }

  private async sdk(): Promise<Anthropic> {
    if (!this.client) {
      const { default: AnthropicClient } = await import('@anthropic-ai/sdk');
      this.client = new AnthropicClient({
        apiKey: this.settings.apiKey,
        ...(this.settings.baseURL === undefined ? {} : { baseURL: this.settings.baseURL }),
        maxRetries: this.settings.maxRetries ?? 2,
      });
    }
    return this.client;
  }

  async complete(request: ModelRequest): Promise<ModelReply> {
    const client = await this.sdk();
    const stream = client.messages.stream(
      {
        model: this.settings.model,
        max_tokens: this.settings.maxTokens,
        system: request.system,
        messages: toAnthropicMessages(request.messages, this.acceptsImages),
        ...(request.tools.length === 0
          ? {}
          : {
              tools: request.tools.map((tool) => ({
                name: tool.name,
                description: tool.description,
                input_schema: tool.inputSchema as Anthropic.Tool.InputSchema,
              })),
            }),
      },
      { signal: request.signal },
    );
    stream.on('text', (delta) => request.onText(delta));

    const message = await stream.finalMessage();
    let text = '';
    const toolCalls: ModelReply['toolCalls'] = [];
    for (const block of message.content) {
      if (block.type === 'text') text += block.text;
      else if (block.type === 'tool_use') {
        toolCalls.push({ id: block.id, name: block.name, arguments: JSON.stringify(block.input) });
      }
    }
    return { text, toolCalls };
  }
}
