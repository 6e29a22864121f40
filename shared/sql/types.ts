/** A value that survives JSON.stringify and JSON.parse unchanged. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ResultColumn {
  name: string;
  /** The engine's type name, lower case (`int8`, `numeric`, `varchar`, `timestamptz`...). */
  type: string;
}

export type TruncatedReason = 'max_rows' | 'max_bytes';

export interface ReadResult {
  columns: ResultColumn[];
  /** One array per row, in column order; duplicate column names stay apart. */
  rows: JsonValue[][];
  rowCount: number;
  truncated: boolean;
  truncatedReason?: TruncatedReason;
  /** UTF-8 size of `rows` as JSON. */
  bytes: number;
}

export interface ReadOptions {
  /** Rows kept at most; more rows set `truncated` and stop the read. */
  maxRows: number;
  /** JSON bytes of the kept rows at most. */
  maxBytes: number;
  /** The statement is cancelled on the server after this many milliseconds. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called every few thousand rows with the number of rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

export interface ExecuteResult {
  /** Rows changed, when the engine reports it. */
  affectedRows: number | null;
  /** The command tag, such as INSERT or UPDATE, when the engine reports it. */
  command: string | null;
  /** Rows returned by the statement (for example by RETURNING), under the same caps as reads. */
  result: ReadResult | null;
}
