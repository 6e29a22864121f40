/**
 * The SQL engine layer shared by the database and analytics servers.
 *
 * Public API (kept stable; new names are added, none renamed):
 * - `parseConnection({ url, env, demoPath })` → `ConnectionConfig` for
 *   postgres://, postgresql://, mysql://, mariadb://, sqlite:///path (Windows
 *   drive letters too), discrete PG and MYSQL_ variables, libpq `sslmode`.
 *   `describeConnection(config)` gives it without the password.
 * - `new SqlEngine(config, { logger, allowWrite, poolMax, catalogTimeoutMs, prepare, tools })`: lazy;
 *   knex and the driver are imported on first use, and the first use opens
 *   one connection so a wrong URL fails with a connection error. `tools`
 *   (`SqlToolNames`) names the server's tools in error hints.
 *   - `dialect`, `knex()` (the query builder, for structured queries),
 *   - `readQuery(sql, bindings, { maxRows, maxBytes, timeoutMs, signal, onProgress })`
 *     → `ReadResult { columns: [{ name, type }], rows (arrays), rowCount,
 *     truncated, truncatedReason, bytes }`, one statement, read-only,
 *   - `execute(sql, bindings, options)` → `ExecuteResult` (needs allowWrite),
 *   - `toToolError(error)`, `describe()`, `serverVersion()`, `allowWrite`, `close()`.
 * - `openSqlEngine({ url, env, logger, allowWrite, regenerateDemo, poolMax, catalogTimeoutMs, tools })`: parses the
 *   connection and falls back to the demo shop database, generated on first use.
 * - `demoDatabasePath(env)`, `ensureDemoDatabase(path, { regenerate })`, `dataDirectory(env)`.
 * - `listSchemas(engine)`, `listTables(engine, { schema, filter, limit, offset })`,
 *   `resolveTable(engine, name, schema)`, `describeTable(engine, name, schema)`.
 * - `scanStatements(sql, dialect)`, `findServerFileAccess(statement, dialect)`.
 * - `toJsonValue(value)`, `pgTextToJson(text, oid)`, `castMysqlValue` for exact JSON values.
 */
export {
  describeConnection,
  parseConnection,
  type ConnectionConfig,
  type ConnectionEnv,
  type Dialect,
  type NetworkConnection,
  type SqliteConnection,
  type SslMode,
} from './connection.ts';
export { SqlEngine, type SqlEngineOptions } from './engine.ts';
export { openSqlEngine, type OpenSqlEngineOptions } from './open.ts';
export { DATABASE_TOOL_NAMES, type SqlToolNames } from './errors.ts';
export { dataDirectory, demoDatabasePath } from './demo/paths.ts';
export { ensureDemoDatabase } from './demo/ensure.ts';
export { findServerFileAccess, scanStatements, type ScannedStatement } from './statements.ts';
export { toJsonValue, integerToJson, bytesToJson } from './values.ts';
export { pgTextToJson } from './pg-values.ts';
export { castMysqlValue } from './read/mysql.ts';
export type {
  ExecuteResult,
  JsonValue,
  ReadOptions,
  ReadResult,
  ResultColumn,
  TruncatedReason,
} from './types.ts';
export { describeTable, listSchemas, listTables, resolveTable } from './catalog.ts';
export type {
  ColumnDescription,
  ForeignKeyDescription,
  IndexDescription,
  ListTablesOptions,
  SchemaSummary,
  TableDescription,
  TableKind,
  TablePage,
  TableRef,
  TableSummary,
} from './introspect/types.ts';
