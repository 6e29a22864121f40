import { existsSync } from 'node:fs';
import { redactUrlsInText, scrubSecrets } from '../config/redact.ts';
import { ToolError, isToolError, type ToolErrorCode } from '../errors.ts';
import type { ConnectionConfig, NetworkConnection } from './connection.ts';

interface DriverError {
  code?: unknown;
  errno?: unknown;
}

/** PostgreSQL SQLSTATEs a server only sends while it authenticates a new session. */
const PG_LOGIN_CODES = new Set(['28000', '28P01']);
/** MySQL error numbers sent only during the handshake: ER_ACCESS_DENIED_ERROR, ER_ACCESS_DENIED_NO_PASSWORD_ERROR. */
const MYSQL_LOGIN_ERRNOS = new Set([1045, 1698]);
/** Socket errors that mean no connection was made, so no statement ran. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

const URL_ADVICE = 'check the database URL in --url or DATABASE_URL';

/**
 * Tells whether a driver error can only come from opening a connection (a
 * rejected login, a refused socket, an unknown host), so it is reported as a
 * connection failure even when it happens after the first call.
 */
export function isConnectFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, errno } = error as DriverError;
  if (typeof code === 'string' && (PG_LOGIN_CODES.has(code) || CONNECT_CODES.has(code))) {
    return true;
  }
  return typeof errno === 'number' && MYSQL_LOGIN_ERRNOS.has(errno);
}

function describeServer(config: NetworkConnection): string {
  let engine = 'MySQL';
  if (config.dialect === 'postgres') engine = 'PostgreSQL';
  else if (config.mariadb) engine = 'MariaDB';
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const parts: string[] = [];
  if (config.database) parts.push(`database "${config.database}"`);
  parts.push(config.user ? `user "${config.user}"` : 'no user name');
  return `${engine} at ${host}:${config.port} (${parts.join(', ')})`;
}

function credentialVariables(config: NetworkConnection): string {
  return config.dialect === 'postgres' ? 'PGUSER / PGPASSWORD' : 'MYSQL_USER / MYSQL_PWD';
}

interface Failure {
  code: ToolErrorCode;
  /** Cause of the failure, as a sentence ending in a full stop. */
  reason: string;
  hint: string;
}

function networkFailure(config: NetworkConnection, error: Error, engineText: string): Failure {
  const { code, errno } = error as DriverError;
  const login =
    (typeof code === 'string' && PG_LOGIN_CODES.has(code)) ||
    (typeof errno === 'number' && MYSQL_LOGIN_ERRNOS.has(errno));
  if (login && !config.user) {
    // mysql2 logs in as the empty user name when none is given; PostgreSQL's
    // driver uses the operating system user instead, as libpq does.
    return {
      code: 'PERMISSION_DENIED',
      reason: `no user name was given, and the server rejected the login without one: ${engineText}`,
      hint: `${URL_ADVICE}: name the user, as in ${config.dialect === 'postgres' ? 'postgres' : 'mysql'}://user:password@host:${config.port}/database, or set ${credentialVariables(config)}`,
    };
  }
  if (login) {
    return {
      code: 'PERMISSION_DENIED',
      reason: `the login was rejected: ${engineText}`,
      hint: `${URL_ADVICE}: the user name and password (or ${credentialVariables(config)}) must match an account on the server`,
    };
  }
  // ER_DBACCESS_DENIED_ERROR while connecting: the account may not use the database in the URL.
  if (errno === 1044) {
    return {
      code: 'PERMISSION_DENIED',
      reason: `the user may not use this database: ${engineText}`,
      hint: `${URL_ADVICE}: name a database this user was granted, or ask an administrator for access`,
    };
  }
  if (code === '3D000' || errno === 1049) {
    return {
      code: 'UNAVAILABLE',
      reason: engineText,
      hint: `${URL_ADVICE}: the database name is the path after the port; retrying will not help`,
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      code: 'UNAVAILABLE',
      reason: `the host name could not be resolved: ${engineText}`,
      hint: `${URL_ADVICE}: the host name is misspelled or not known to this machine's DNS`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      code: 'UNAVAILABLE',
      reason: `the connection was refused: ${engineText}`,
      hint: `check that the database server is running, and ${URL_ADVICE} for the right host and port`,
    };
  }
  return {
    code: 'UNAVAILABLE',
    reason: engineText,
    hint: `${URL_ADVICE} and that the database server is reachable from this machine, then retry`,
  };
}

function sqliteFailure(filename: string, allowWrite: boolean, engineText: string): Failure {
  if (filename !== ':memory:' && !existsSync(filename)) {
    if (allowWrite) {
      return {
        code: 'NOT_FOUND',
        reason: 'the file was not found and could not be created there.',
        hint: `check that the folder exists and is writable, or ${URL_ADVICE}`,
      };
    }
    return {
      code: 'NOT_FOUND',
      reason:
        'the file was not found. The server opens SQLite read-only, so it does not create missing files.',
      hint: `${URL_ADVICE}: give the path of an existing SQLite file; retrying will not help`,
    };
  }
  return {
    code: 'UNAVAILABLE',
    reason: engineText,
    hint: `check that the file is a SQLite database this process may read, or ${URL_ADVICE}`,
  };
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Builds the error for a failed attempt to open a connection: which server,
 * database and user (never the password) or which SQLite file, why it
 * failed, and that the connection settings are what to check.
 */
export function connectionError(
  error: unknown,
  config: ConnectionConfig,
  options: { allowWrite: boolean; secrets: readonly (string | undefined)[] },
): ToolError {
  if (isToolError(error)) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const engineText = sentence(scrubSecrets(redactUrlsInText(raw), options.secrets));
  const cause = error instanceof Error ? error : undefined;

  if (config.dialect === 'sqlite') {
    const failure = sqliteFailure(config.filename, options.allowWrite, engineText);
    return new ToolError(
      failure.code,
      `Opening the SQLite database "${config.filename}" failed: ${failure.reason}`,
      { hint: failure.hint, details: { path: config.filename }, cause },
    );
  }

  const failure = networkFailure(config, cause ?? new Error(raw), engineText);
  const driver = (cause ?? {}) as DriverError;
  return new ToolError(
    failure.code,
    `Connecting to ${describeServer(config)} failed: ${failure.reason}`,
    {
      hint: failure.hint,
      details: {
        host: config.host,
        port: config.port,
        database: config.database ?? null,
        user: config.user ?? null,
        engineCode: driver.code ?? driver.errno ?? undefined,
      },
      cause,
    },
  );
}
