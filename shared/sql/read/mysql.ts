import type { RowCollector } from '../collector.ts';
import type { ResultColumn } from '../types.ts';
import { integerToJson, toJsonValue } from '../values.ts';

/** The callback-style mysql2 connection knex hands out. */
export interface MysqlConnection {
  threadId: number | null;
  query(options: Record<string, unknown>): MysqlQuery;
  destroy(): void;
  pause(): void;
}

interface MysqlQuery {
  on(event: 'fields', listener: (fields: MysqlField[] | undefined) => void): MysqlQuery;
  on(event: 'result', listener: (row: unknown) => void): MysqlQuery;
  on(event: 'error', listener: (error: Error) => void): MysqlQuery;
  on(event: 'end', listener: () => void): MysqlQuery;
}

interface MysqlField {
  name: string;
  columnType: number;
  characterSet: number;
}

interface CastField {
  type: string;
  string(encoding?: string): string | null;
  buffer(): Buffer | null;
}

/** Column type codes of the MySQL protocol (include/field_types.h). */
const TYPE_NAMES: Record<number, string> = {
  0: 'decimal',
  1: 'tinyint',
  2: 'smallint',
  3: 'int',
  4: 'float',
  5: 'double',
  6: 'null',
  7: 'timestamp',
  8: 'bigint',
  9: 'mediumint',
  10: 'date',
  11: 'time',
  12: 'datetime',
  13: 'year',
  14: 'date',
  15: 'varchar',
  16: 'bit',
  245: 'json',
  246: 'decimal',
  247: 'enum',
  248: 'set',
  249: 'tinyblob',
  250: 'mediumblob',
  251: 'longblob',
  252: 'blob',
  253: 'varchar',
  254: 'char',
  255: 'geometry',
};

const BINARY_CHARSET = 63;

function columnType(field: MysqlField): string {
  const name = TYPE_NAMES[field.columnType] ?? `type ${field.columnType}`;
  if (name.endsWith('blob') && field.characterSet !== BINARY_CHARSET) {
    return name.replace('blob', 'text');
  }
  if ((name === 'varchar' || name === 'char') && field.characterSet === BINARY_CHARSET) {
    return name === 'char' ? 'binary' : 'varbinary';
  }
  return name;
}

/**
 * Reads values as MySQL's text so nothing is rounded or shifted by a time
 * zone: BIGINT beyond 2^53 and DECIMAL stay strings, DATE, DATETIME and
 * TIMESTAMP stay the literal text, JSON is parsed, binary becomes base64.
 */
export function castMysqlValue(field: CastField, next: () => unknown): unknown {
  switch (field.type) {
    case 'LONGLONG': {
      const text = field.string();
      return text === null ? null : integerToJson(text);
    }
    case 'DECIMAL':
    case 'NEWDECIMAL':
    case 'DATE':
    case 'NEWDATE':
    case 'DATETIME':
    case 'TIMESTAMP':
    case 'TIME':
      return field.string();
    case 'JSON': {
      const text = field.string('utf8');
      return text === null ? null : (JSON.parse(text) as unknown);
    }
    case 'GEOMETRY':
    case 'BIT':
      return field.buffer();
    default:
      return next();
  }
}

export interface MysqlOutcome {
  columns: ResultColumn[];
  affectedRows: number | null;
  /** The read stopped at a cap before the server finished; the connection must be dropped. */
  abandoned: boolean;
}

/**
 * Streams one statement's rows. mysql2 sends one statement per call
 * because `multipleStatements` stays off. When a cap is reached the promise
 * resolves at once with `abandoned`, and the caller destroys the
 * connection so the server stops sending the rest.
 */
export function runMysqlQuery(
  connection: MysqlConnection,
  sql: string,
  values: readonly unknown[],
  collector: RowCollector,
): Promise<MysqlOutcome> {
  return new Promise((resolve, reject) => {
    let columns: ResultColumn[] = [];
    let affectedRows: number | null = null;
    let settled = false;

    const query = connection.query({
      sql,
      values,
      rowsAsArray: true,
      typeCast: castMysqlValue,
    });

    query.on('fields', (fields) => {
      columns = (fields ?? []).map((field) => ({ name: field.name, type: columnType(field) }));
      collector.columns = columns;
    });
    query.on('result', (row) => {
      if (settled) return;
      if (!Array.isArray(row)) {
        const header = row as { affectedRows?: number };
        affectedRows = typeof header.affectedRows === 'number' ? header.affectedRows : null;
        return;
      }
      if (!collector.add(row.map(toJsonValue))) {
        settled = true;
        connection.pause();
        resolve({ columns, affectedRows, abandoned: true });
      }
    });
    query.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    query.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ columns, affectedRows, abandoned: false });
    });
  });
}
