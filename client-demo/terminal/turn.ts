import { scrubSecrets } from '../../shared/config/redact.ts';
import { runTurn, type TurnEnd } from '../loop.ts';
import type { ModelEndpoint } from '../providers/select.ts';
import type { Session } from './session.ts';

/** Secrets a provider error might quote back. */
function knownSecrets(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => /_API_KEY$/.test(name) && value)
    .map(([, value]) => value as string);
}

/** Says which request failed, where it went and which settings point it elsewhere. */
function describeModelFailure(
  label: string,
  error: unknown,
  endpoint: ModelEndpoint | undefined,
): string {
  const message = (error instanceof Error ? error.message : String(error)).trim();
  const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
  const text = `The model request to ${label} failed: ${sentence}`;
  if (!endpoint) return text;
  const [option, ...variables] = endpoint.settings;
  const settings = variables.length > 0 ? `${option} URL or ${variables.join(' or ')}` : option;
  return `${text} It was sent to ${endpoint.baseUrl}. To use another address, set ${settings}.`;
}

/**
 * Sends one question to the model and draws the answer. A failed model
 * request is reported and returned as 'error'; the conversation stays usable.
 */
export async function askModel(
  session: Session,
  question: string,
  signal: AbortSignal,
): Promise<TurnEnd | 'error'> {
  const provider = session.provider;
  if (!provider) throw new Error('askModel needs a configured model');

  session.conversation.push({ role: 'user', text: question });
  try {
    return await runTurn(session.conversation, {
      provider,
      runner: session.runner,
      tools: session.toolbox.specs(),
      maxSteps: session.options.maxSteps,
      signal,
      onEvent: (event) => session.renderer.handle(event),
    });
  } catch (error) {
    session.renderer.settle();
    const text = scrubSecrets(
      describeModelFailure(provider.label, error, session.endpoint),
      knownSecrets(session.env),
    );
    session.errors.push(text);
    session.io.stderr.write(`${session.io.colors.red('✗')} ${text}\n`);
    return 'error';
  } finally {
    session.renderer.settle();
  }
}
