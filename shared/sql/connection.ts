import { homedir } from 'node:os';
import { redactUrl } from '../config/redact.ts';
import { ToolError } from '../errors.ts';

export type Dialect = 'postgres' | 'mysql' | 'sqlite';

/**
 * libpq's `sslmode` values. `prefer` and `allow` connect without TLS here,
 * because node-postgres cannot fall back from TLS to plain text on its own.
 */
export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

export interface SslSettings {
  mode: SslMode;
  /** PEM file of the certificate authorities that signed the server certificate. */
  rootCertPath?: string;
  certPath?: string;
  keyPath?: string;
}

export interface NetworkConnection {
  dialect: 'postgres' | 'mysql';
  host: string;
  port: number;
  user?: string;
  password?: string;
  database?: string;
  ssl: SslSettings;
  /** `mariadb://` was given; MariaDB and MySQL share the mysql2 driver. */
  mariadb?: boolean;
  /** Extra driver settings from the URL query, such as `application_name`. */
  params: Record<string, string>;
}

export interface SqliteConnection {
  dialect: 'sqlite';
  /** A file path, or `:memory:`. */
  filename: string;
  /** The embedded demo shop, generated on first use. */
  demo?: boolean;
}

export type ConnectionConfig = NetworkConnection | SqliteConnection;

/** Environment variables the parser reads; `process.env` fits. */
export type ConnectionEnv = Record<string, string | undefined>;

const DEFAULT_PORTS = { postgres: 5432, mysql: 3306 } as const;
const SSL_MODES: readonly SslMode[] = [
  'disable',
  'allow',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
];

/** MySQL's `ssl-mode` names mapped to the libpq mode with the same meaning. */
const MYSQL_SSL_MODES: Record<string, SslMode> = {
  disabled: 'disable',
  preferred: 'prefer',
  required: 'require',
  verify_ca: 'verify-ca',
  verify_identity: 'verify-full',
};

function invalid(message: string, hint: string): ToolError {
  return new ToolError('INVALID_ARGUMENT', message, { hint });
}

function decode(text: string, part: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(
      `The connection URL has an invalid percent-encoding in its ${part}.`,
      'encode reserved characters as %XX (for example @ as %40), or set the password in PGPASSWORD / MYSQL_PWD instead',
    );
  }
}

function parseSslMode(text: string | undefined): SslMode | undefined {
  if (text === undefined || text === '') return undefined;
  const lower = text.toLowerCase();
  if ((SSL_MODES as readonly string[]).includes(lower)) return lower as SslMode;
  const mysqlMode = MYSQL_SSL_MODES[lower.replace(/-/g, '_')];
  if (mysqlMode) return mysqlMode;
  throw invalid(
    `Unknown sslmode "${text}".`,
    `use one of ${SSL_MODES.join(', ')} (MySQL names such as REQUIRED and VERIFY_IDENTITY also work)`,
  );
}

function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid(`Invalid database port "${text}".`, 'use a port number from 1 to 65535');
  }
  return port;
}

/** Turns the text after `sqlite:` into a file path, keeping Windows drive letters intact. */
function sqlitePath(rest: string): string {
  let path = rest;
  if (path.startsWith('//')) path = path.slice(2);
  path = decode(path, 'path');
  if (/^\/[A-Za-z]:[/\\]/.test(path)) path = path.slice(1);
  if (path === '~' || path.startsWith('~/')) path = homedir() + path.slice(1);
  return path;
}

function parseSqliteUrl(url: string): SqliteConnection {
  const rest = url.slice(url.indexOf(':') + 1).split('?')[0] ?? '';
  const filename = sqlitePath(rest);
  if (filename === '') {
    throw invalid(
      'The sqlite URL names no file.',
      'use sqlite:///absolute/path.db, sqlite:///C:/path/file.db or sqlite::memory:',
    );
  }
  return { dialect: 'sqlite', filename };
}

function envFor(dialect: 'postgres' | 'mysql', env: ConnectionEnv) {
  if (dialect === 'postgres') {
    return {
      host: env.PGHOST,
      port: env.PGPORT,
      user: env.PGUSER,
      password: env.PGPASSWORD,
      database: env.PGDATABASE,
      sslmode: env.PGSSLMODE,
      rootCert: env.PGSSLROOTCERT,
      cert: env.PGSSLCERT,
      key: env.PGSSLKEY,
    };
  }
  return {
    host: env.MYSQL_HOST,
    port: env.MYSQL_TCP_PORT ?? env.MYSQL_PORT,
    user: env.MYSQL_USER,
    password: env.MYSQL_PWD ?? env.MYSQL_PASSWORD,
    database: env.MYSQL_DATABASE,
    sslmode: env.MYSQL_SSL_MODE,
    rootCert: env.MYSQL_SSL_CA,
    cert: env.MYSQL_SSL_CERT,
    key: env.MYSQL_SSL_KEY,
  };
}

function sslSettings(
  mode: SslMode | undefined,
  paths: { rootCert?: string | undefined; cert?: string | undefined; key?: string | undefined },
): SslSettings {
  const settings: SslSettings = { mode: mode ?? 'prefer' };
  if (paths.rootCert) settings.rootCertPath = paths.rootCert;
  if (paths.cert) settings.certPath = paths.cert;
  if (paths.key) settings.keyPath = paths.key;
  return settings;
}

function parseNetworkUrl(text: string, env: ConnectionEnv): NetworkConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(
      `The database URL "${redactUrl(text)}" is not a valid URL.`,
      'use postgres://user:password@host:5432/db, mysql://user@host:3306/db or sqlite:///path/file.db',
    );
  }

  const scheme = url.protocol.slice(0, -1).toLowerCase();
  const dialect = scheme === 'mysql' || scheme === 'mariadb' ? 'mysql' : 'postgres';
  const fallback = envFor(dialect, env);
  const query = Object.fromEntries(url.searchParams);

  const { sslmode, 'ssl-mode': sslDashMode, ssl, sslrootcert, sslcert, sslkey, ...params } = query;
  let mode = parseSslMode(sslmode ?? sslDashMode);
  if (mode === undefined && (ssl === 'true' || ssl === '1')) mode = 'require';
  mode ??= parseSslMode(fallback.sslmode);

  const host = url.hostname ? decode(url.hostname, 'host') : (fallback.host ?? '127.0.0.1');
  const database = url.pathname.length > 1 ? decode(url.pathname.slice(1), 'database name') : '';

  const config: NetworkConnection = {
    dialect,
    host: host.replace(/^\[(.*)\]$/, '$1'),
    port: parsePort(url.port || fallback.port, DEFAULT_PORTS[dialect]),
    ssl: sslSettings(mode, {
      rootCert: sslrootcert ?? fallback.rootCert,
      cert: sslcert ?? fallback.cert,
      key: sslkey ?? fallback.key,
    }),
    params,
  };
  const user = url.username ? decode(url.username, 'user name') : fallback.user;
  const password = url.password ? decode(url.password, 'password') : fallback.password;
  const name = database || fallback.database;
  if (user) config.user = user;
  if (password !== undefined && password !== '') config.password = password;
  if (name) config.database = name;
  if (scheme === 'mariadb') config.mariadb = true;
  return config;
}

function fromDiscreteVariables(
  dialect: 'postgres' | 'mysql',
  env: ConnectionEnv,
): NetworkConnection {
  const vars = envFor(dialect, env);
  const config: NetworkConnection = {
    dialect,
    host: vars.host ?? '127.0.0.1',
    port: parsePort(vars.port, DEFAULT_PORTS[dialect]),
    ssl: sslSettings(parseSslMode(vars.sslmode), {
      rootCert: vars.rootCert,
      cert: vars.cert,
      key: vars.key,
    }),
    params: {},
  };
  if (vars.user) config.user = vars.user;
  if (vars.password) config.password = vars.password;
  if (vars.database) config.database = vars.database;
  return config;
}

export interface ParseConnectionInput {
  /** A connection URL; when absent, discrete variables or the demo database are used. */
  url?: string | undefined;
  env?: ConnectionEnv;
  /** Path of the demo database, used when neither a URL nor discrete variables are set. */
  demoPath?: string;
}

/**
 * Reads a connection from a URL (`postgres://`, `postgresql://`, `mysql://`,
 * `mariadb://`, `sqlite:///path`, `sqlite::memory:`), or from libpq-style
 * `PGHOST`/`PGUSER`/... or `MYSQL_HOST`/`MYSQL_USER`/... variables so that a
 * password needs no URL encoding. Parts missing from a URL fall back to the
 * same variables, as libpq does. Returns the demo database when nothing is set.
 */
export function parseConnection(input: ParseConnectionInput): ConnectionConfig {
  const env = input.env ?? {};
  const url = input.url?.trim();

  if (url) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme === 'sqlite' || scheme === 'sqlite3' || scheme === 'file')
      return parseSqliteUrl(url);
    if (
      scheme === 'postgres' ||
      scheme === 'postgresql' ||
      scheme === 'mysql' ||
      scheme === 'mariadb'
    ) {
      return parseNetworkUrl(url, env);
    }
    throw invalid(
      `Unsupported database URL scheme in "${redactUrl(url)}".`,
      'use postgres://, postgresql://, mysql://, mariadb:// or sqlite:///path/file.db',
    );
  }

  if (env.PGHOST || env.PGDATABASE) return fromDiscreteVariables('postgres', env);
  if (env.MYSQL_HOST || env.MYSQL_DATABASE) return fromDiscreteVariables('mysql', env);

  if (input.demoPath) return { dialect: 'sqlite', filename: input.demoPath, demo: true };
  throw invalid(
    'No database is configured.',
    'pass --url (or DATABASE_URL), or set PGHOST / MYSQL_HOST and the related variables',
  );
}

/** Describes the connection for logs and tool results, without the password. */
export function describeConnection(config: ConnectionConfig): string {
  if (config.dialect === 'sqlite') {
    return config.demo ? `sqlite demo database ${config.filename}` : `sqlite ${config.filename}`;
  }
  const scheme = config.mariadb ? 'mariadb' : config.dialect;
  const user = config.user ? `${encodeURIComponent(config.user)}@` : '';
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `${scheme}://${user}${host}:${config.port}/${config.database ?? ''}`;
}
