import type { JsonValue, ReadResult, ResultColumn, TruncatedReason } from './types.ts';

const PROGRESS_EVERY = 5000;

/**
 * Keeps rows until the row or byte cap is reached. Rows past a cap are not
 * stored, so a read over a huge table stays within `maxBytes` of memory.
 */
export class RowCollector {
  readonly rows: JsonValue[][] = [];
  columns: ResultColumn[] = [];
  bytes = 2;
  truncatedReason: TruncatedReason | undefined;
  private seen = 0;

  constructor(
    private readonly maxRows: number,
    private readonly maxBytes: number,
    private readonly onProgress?: (rowsRead: number) => void,
  ) {}

  get full(): boolean {
    return this.truncatedReason !== undefined;
  }

  /** Adds one converted row; returns false once a cap is reached and reading should stop. */
  add(row: JsonValue[]): boolean {
    if (this.full) return false;
    this.seen += 1;
    if (this.onProgress && this.seen % PROGRESS_EVERY === 0) this.onProgress(this.seen);

    if (this.rows.length >= this.maxRows) {
      this.truncatedReason = 'max_rows';
      return false;
    }
    const size = Buffer.byteLength(JSON.stringify(row), 'utf8') + 1;
    if (this.bytes + size > this.maxBytes) {
      this.truncatedReason = 'max_bytes';
      return false;
    }
    this.bytes += size;
    this.rows.push(row);
    return true;
  }

  result(): ReadResult {
    const result: ReadResult = {
      columns: this.columns,
      rows: this.rows,
      rowCount: this.rows.length,
      truncated: this.full,
      bytes: this.bytes,
    };
    if (this.truncatedReason) result.truncatedReason = this.truncatedReason;
    return result;
  }
}
