import type { ConnectResult } from './connect.ts';
import type { ConversationMessage } from './conversation.ts';

export interface TranscriptServer {
  name: string;
  transport: string;
  status: 'connected' | 'failed';
  tools?: string[];
  error?: string;
}

export interface ScriptedStep {
  question: string;
  tool: string;
  arguments: Record<string, unknown>;
  isError: boolean;
  text: string;
  imagePaths: string[];
  structured?: unknown;
}

/** Output of `--json`: everything the session did, with images as file paths. */
export interface Transcript {
  command: 'chat' | 'demo';
  model: string | null;
  scripted: boolean;
  servers: TranscriptServer[];
  messages: unknown[];
  steps?: ScriptedStep[];
  errors: string[];
}

export function describeServers(result: ConnectResult, names: (server: string) => string[]) {
  const connected: TranscriptServer[] = result.connected.map((server) => ({
    name: server.name,
    transport: server.config.transport,
    status: 'connected',
    tools: names(server.name),
  }));
  const failed: TranscriptServer[] = result.failed.map((server) => ({
    name: server.name,
    transport: server.config.transport,
    status: 'failed',
    error: server.error,
  }));
  return [...connected, ...failed];
}

/** Replaces base64 image data by the saved files, which is what a reader of the JSON can use. */
export function transcriptMessages(messages: readonly ConversationMessage[]): unknown[] {
  return messages.map((message) => {
    if (message.role !== 'tool') return message;
    return {
      role: 'tool',
      results: message.results.map(({ images, ...rest }) => ({
        ...rest,
        images: images.map((image, index) => ({
          mimeType: image.mimeType,
          path: rest.imagePaths[index] ?? null,
        })),
      })),
    };
  });
}
