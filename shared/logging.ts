import pino from 'pino';
import { redactUrlsInText } from './config/redact.ts';

export type Logger = pino.Logger;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Keys whose values never reach a log line, wherever they sit in a record. */
const REDACTED_PATHS = [
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'authToken',
  '*.authToken',
  'token',
  '*.token',
  'headers.authorization',
  '*.headers.authorization',
  'config.headers.Authorization',
  '*.config.headers.Authorization',
];

/** Error messages from drivers often quote the connection string they failed with. */
function serializeError(error: unknown): unknown {
  const record = pino.stdSerializers.err(error as Error) as Record<string, unknown>;
  for (const key of ['message', 'stack']) {
    const value = record[key];
    if (typeof value === 'string') record[key] = redactUrlsInText(value);
  }
  return record;
}

/**
 * Creates the logger, writing to stderr synchronously: stdout belongs to the
 * stdio transport, and a line lost at exit cannot help anyone debug.
 */
export function createLogger(level: LogLevel = 'info', name = 'conduit'): Logger {
  return pino(
    {
      name,
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** Creates a logger that drops everything, for tests and in-process embedding. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
