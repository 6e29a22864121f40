import { knownProviders } from '../providers/select.ts';

export const SLASH_HELP = `Commands:
  /tools [TEXT]            list the tools, or those whose name contains TEXT
  /tools SERVER__TOOL      a tool's description and arguments
  /servers                 the servers and their state
  /call SERVER__TOOL JSON  call a tool directly, as in /call database__list_tables {}
  /history                 the conversation so far
  /clear                   forget the conversation
  /model [PROVIDER:MODEL]  show or change the model
  /help                    this text
  /quit                    leave (Ctrl-D works too)
Ctrl-C cancels the current model request or tool call; at an empty prompt it leaves.`;

export function modelSetupText(): string {
  return [
    'No model is configured, so only the tool shell is available (/call, /tools, /help).',
    'To talk to a model, name one with --model PROVIDER:MODEL or CONDUIT_MODEL, for example:',
    '  OPENAI_API_KEY=...     conduit chat                      (openai, default model)',
    '  ANTHROPIC_API_KEY=...  conduit chat --model anthropic:claude-sonnet-4-5',
    '  conduit chat --model ollama:qwen2.5                      (Ollama on 127.0.0.1:11434)',
    '  OPENAI_BASE_URL=http://127.0.0.1:8080/v1 conduit chat --model openai:NAME',
    `Providers: ${knownProviders().join(', ')}.`,
  ].join('\n');
}
