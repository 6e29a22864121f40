import { redactUrlsInText, scrubSecrets } from '../config/redact.ts';
import { ToolError, isToolError, type ToolErrorCode } from '../errors.ts';
import type { Dialect } from './connection.ts';

/** The reason the engine layer stopped a running statement itself. */
export type StopReason = 'timeout' | 'cancelled';

interface DriverError {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  position?: unknown;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
]);

const LOST_CONNECTION_MESSAGES =
  /Connection terminated|connection is closed|Connection lost|closed state|terminating connection|server closed the connection/i;

/**
 * Tells whether an error means the connection itself is gone (closed by the
 * server, reset, terminated by an administrator), as opposed to a failed statement.
 */
export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as DriverError).code;
  if (code === '57P01' || code === '57P02' || code === '57P03') return true;
  if (typeof code === 'string' && CONNECTION_CODES.has(code) && code !== 'ECONNREFUSED')
    return true;
  return LOST_CONNECTION_MESSAGES.test(error.message);
}

function classifyPostgres(code: string): ToolErrorCode | undefined {
  if (code === '25006') return 'READ_ONLY';
  // A protocol violation here means the bound parameters do not match the statement.
  if (code === '08P01') return 'INVALID_ARGUMENT';
  if (code === '42501') return 'PERMISSION_DENIED';
  if (code === '42P01' || code === '42703' || code === '42883' || code === '3F000') {
    return 'NOT_FOUND';
  }
  if (code === '57014') return 'TIMEOUT';
  if (code.startsWith('08') || code.startsWith('57P') || code.startsWith('53'))
    return 'UNAVAILABLE';
  if (code.startsWith('42') || code.startsWith('22') || code.startsWith('0A')) {
    return 'INVALID_ARGUMENT';
  }
  return undefined;
}

function classifyMysql(errno: number): ToolErrorCode | undefined {
  if (errno === 1792) return 'READ_ONLY';
  if ([1044, 1045, 1142, 1143, 1227, 1370].includes(errno)) return 'PERMISSION_DENIED';
  if ([1146, 1054, 1049, 1305].includes(errno)) return 'NOT_FOUND';
  if ([1969, 3024, 1317].includes(errno)) return 'TIMEOUT';
  if ([1064, 1149, 1210, 1582, 1241, 1222, 1052, 1365, 1292].includes(errno)) {
    return 'INVALID_ARGUMENT';
  }
  if (errno >= 2000 && errno < 3000) return 'UNAVAILABLE';
  return undefined;
}

function classifySqlite(code: string, message: string): ToolErrorCode | undefined {
  if (code.startsWith('SQLITE_READONLY')) return 'READ_ONLY';
  if (code === 'SQLITE_AUTH') return 'PERMISSION_DENIED';
  if (code === 'SQLITE_RANGE' || code === 'SQLITE_MISMATCH') return 'INVALID_ARGUMENT';
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_BUSY')) return 'UNAVAILABLE';
  if (/^no such (table|column|function)/.test(message)) return 'NOT_FOUND';
  if (code === 'SQLITE_ERROR') return 'INVALID_ARGUMENT';
  return undefined;
}

/** Tools of the server that owns an engine, named in the hints of its errors. */
export interface SqlToolNames {
  /** Lists the tables, such as `list_tables`. */
  listTables: string;
  /** Shows the columns of one table, such as `describe_table`. */
  describeTable: string;
  /** Runs statements that change data; left out when the server has no such tool. */
  execute?: string;
}

export const DATABASE_TOOL_NAMES: SqlToolNames = {
  listTables: 'list_tables',
  describeTable: 'describe_table',
  execute: 'execute',
};

/** The facts that decide the advice of an error: the server's tools and the statement's mode. */
export interface HintContext {
  tools: SqlToolNames;
  /** The server was started with writes allowed. */
  allowWrite: boolean;
  /** `write` for a statement sent to the write tool; catalog and read calls are `read`. */
  mode: 'read' | 'write';
}

const TIMEOUT_HINT = 'narrow the query (a WHERE clause, LIMIT, or an index) or raise --timeout-ms';

/** Advises what to do about a write the database rejected, for the server and tool that sent it. */
export function readOnlyHint(context: HintContext): string {
  const { tools, allowWrite, mode } = context;
  if (mode === 'write') {
    return 'the database accepts no writes on this connection (a read-only replica, user or setting); connect to a writable server';
  }
  if (!tools.execute) return 'this server only reads; use a SELECT statement';
  if (allowWrite) {
    return `this tool only reads; send statements that change data to the ${tools.execute} tool`;
  }
  return `this server is read-only; use a SELECT, or restart it with --allow-write and call ${tools.execute}`;
}

function hintFor(kind: ToolErrorCode, context: HintContext): string {
  switch (kind) {
    case 'READ_ONLY':
      return readOnlyHint(context);
    case 'PERMISSION_DENIED':
      return 'the database user lacks this privilege; query another table or ask its owner';
    case 'NOT_FOUND':
      return `call ${context.tools.listTables} to see the tables and ${context.tools.describeTable} for their columns; quote mixed-case names`;
    case 'INVALID_ARGUMENT':
      return 'fix the SQL or the parameters and call again';
    case 'UNAVAILABLE':
      return 'the database is not reachable right now; retry in a few seconds';
    case 'TIMEOUT':
      return TIMEOUT_HINT;
    default:
      return 'try another statement';
  }
}

/**
 * Turns a driver error into a ToolError a model can act on. Engine messages
 * are kept, with connection URLs and the password removed. Errors that are
 * not database errors are returned unchanged, so they are logged as bugs.
 */
export function toSqlToolError(
  error: unknown,
  dialect: Dialect,
  secrets: readonly (string | undefined)[],
  context: HintContext,
): unknown {
  if (isToolError(error) || !(error instanceof Error)) return error;
  const driver = error as Error & DriverError;
  const code = typeof driver.code === 'string' ? driver.code : '';
  const errno = typeof driver.errno === 'number' ? driver.errno : 0;

  let kind: ToolErrorCode | undefined;
  if (
    CONNECTION_CODES.has(code) ||
    /Connection terminated|connection is closed/i.test(error.message)
  ) {
    kind = 'UNAVAILABLE';
  } else if (dialect === 'postgres' && /^[0-9A-Z]{5}$/.test(code)) {
    kind = classifyPostgres(code);
  } else if (dialect === 'mysql' && errno > 0) {
    kind = classifyMysql(errno);
  } else if (dialect === 'sqlite' && code.startsWith('SQLITE')) {
    kind = classifySqlite(code, error.message);
  } else if (dialect === 'sqlite' && error instanceof RangeError) {
    // better-sqlite3 raises RangeError when the parameters do not match the placeholders.
    kind = 'INVALID_ARGUMENT';
  }
  if (kind === undefined) return error;

  const message = scrubSecrets(redactUrlsInText(error.message), secrets);
  const where = typeof driver.position === 'string' ? ` (at character ${driver.position})` : '';
  return new ToolError(kind, `The database returned an error: ${message}${where}`, {
    hint: hintFor(kind, context),
    details: { engineCode: code || errno || undefined },
    cause: error,
  });
}

/** Builds the error for a statement the engine layer stopped on purpose. */
export function stoppedError(reason: StopReason, timeoutMs: number): ToolError {
  if (reason === 'timeout') {
    return new ToolError('TIMEOUT', `The statement was cancelled after ${timeoutMs} ms.`, {
      hint: TIMEOUT_HINT,
      details: { timeoutMs },
    });
  }
  return new ToolError('CANCELLED', 'The statement was cancelled by the client.', {
    hint: 'call again if the result is still needed',
  });
}
