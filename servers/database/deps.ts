import type { SqlEngine } from '../../shared/sql/index.ts';

/** Caps every read obeys; a call may ask for less, never for more. */
export interface ResultLimits {
  maxRows: number;
  maxBytes: number;
  timeoutMs: number;
}

/** State the database tools share within one server instance. */
export interface DatabaseDeps {
  engine: SqlEngine;
  limits: ResultLimits;
}
