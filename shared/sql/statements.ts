import type { Dialect } from './connection.ts';

/** One statement of a SQL text, with its words as the engine would read them. */
export interface ScannedStatement {
  text: string;
  /** Words and quoted identifiers outside strings and comments, lower case. */
  words: string[];
  /** Words and quoted identifiers directly followed by `(`, lower case: the function calls. */
  calls: string[];
}

/**
 * Splits SQL into statements at top-level semicolons. Strings, quoted
 * identifiers, dollar quotes and comments are skipped the way each dialect
 * reads them; MySQL's `/*! ... *\/` comments count as code, since MySQL runs
 * them. The engines remain the authority: this only gives early, clear errors.
 */
export function scanStatements(sql: string, dialect: Dialect): ScannedStatement[] {
  const statements: ScannedStatement[] = [];
  let start = 0;
  let words: string[] = [];
  let calls: string[] = [];
  let hasCode = false;
  let i = 0;

  const addWord = (word: string, end: number) => {
    words.push(word);
    let after = end;
    while (/\s/.test(sql[after] ?? '')) after += 1;
    if (sql[after] === '(') calls.push(word);
    hasCode = true;
  };

  const finish = (end: number) => {
    if (hasCode) statements.push({ text: sql.slice(start, end).trim(), words, calls });
    words = [];
    calls = [];
    hasCode = false;
  };

  while (i < sql.length) {
    const char = sql[i] as string;
    const next = sql[i + 1];

    if (char === '-' && next === '-') {
      i = skipLine(sql, i);
      continue;
    }
    if (char === '#' && dialect === 'mysql') {
      i = skipLine(sql, i);
      continue;
    }
    if (char === '/' && next === '*') {
      if (dialect === 'mysql' && (sql[i + 2] === '!' || sql[i + 2] === 'M')) {
        // Executable comment: its body is scanned as ordinary code.
        i += sql[i + 2] === 'M' ? 4 : 3;
        while (/\d/.test(sql[i] ?? '')) i += 1;
        continue;
      }
      i = skipBlockComment(sql, i, dialect === 'postgres');
      continue;
    }
    if (char === '*' && next === '/' && dialect === 'mysql') {
      i += 2;
      continue;
    }
    if (char === "'") {
      const backslash = dialect === 'mysql' || /[eE]$/.test(sql.slice(Math.max(0, i - 1), i));
      i = skipQuoted(sql, i, "'", backslash);
      hasCode = true;
      continue;
    }
    if (char === '"' && dialect === 'mysql') {
      i = skipQuoted(sql, i, '"', true);
      hasCode = true;
      continue;
    }
    if (char === '"' || (char === '`' && dialect !== 'postgres')) {
      // A quoted identifier still names a function: "pg_read_file"(...) calls it.
      const end = skipQuoted(sql, i, char, false);
      const name = sql
        .slice(i + 1, end - 1)
        .split(char + char)
        .join(char)
        .toLowerCase();
      addWord(name, end);
      i = end;
      continue;
    }
    if (char === '[' && dialect === 'sqlite') {
      const close = sql.indexOf(']', i + 1);
      i = close === -1 ? sql.length : close + 1;
      hasCode = true;
      continue;
    }
    if (char === '$' && dialect === 'postgres') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? sql.length : close + tag[0].length;
        hasCode = true;
        continue;
      }
    }
    if (char === ';') {
      finish(i);
      i += 1;
      start = i;
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(char)) {
      const match = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(sql.slice(i));
      const word = match?.[0] ?? char;
      i += word.length;
      addWord(word.toLowerCase(), i);
      continue;
    }
    if (!/\s/.test(char)) hasCode = true;
    i += 1;
  }
  finish(sql.length);
  return statements;
}

function skipLine(sql: string, i: number): number {
  const end = sql.indexOf('\n', i);
  return end === -1 ? sql.length : end + 1;
}

function skipBlockComment(sql: string, i: number, nested: boolean): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql[j] === '/' && sql[j + 1] === '*') {
      depth += 1;
      j += 2;
      if (!nested && depth > 1) depth = 1;
      continue;
    }
    if (sql[j] === '*' && sql[j + 1] === '/') {
      depth -= 1;
      j += 2;
      if (depth === 0) return j;
      continue;
    }
    j += 1;
  }
  return sql.length;
}

function skipQuoted(sql: string, i: number, quote: string, backslash: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    const char = sql[j];
    if (backslash && char === '\\') {
      j += 2;
      continue;
    }
    if (char === quote) {
      if (sql[j + 1] === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j += 1;
  }
  return sql.length;
}

/** Functions that read or write files on the database server, or reach other servers. */
const SERVER_FILE_FUNCTIONS: Record<Dialect, readonly string[]> = {
  postgres: [
    'pg_read_file',
    'pg_read_binary_file',
    'pg_stat_file',
    'pg_ls_dir',
    'pg_ls_logdir',
    'pg_ls_waldir',
    'pg_ls_tmpdir',
    'pg_ls_archive_statusdir',
    'pg_file_write',
    'lo_import',
    'lo_export',
    'dblink',
    'dblink_exec',
    'dblink_connect',
    // These run a query given as text, where the names above would hide in a string.
    'query_to_xml',
    'query_to_xmlschema',
    'query_to_xml_and_xmlschema',
  ],
  mysql: ['load_file', 'sys_exec', 'sys_eval'],
  sqlite: ['load_extension', 'readfile', 'writefile', 'edit', 'fts3_tokenizer'],
};

function hasSequence(words: readonly string[], first: string, second: string): boolean {
  return words.some((word, index) => word === first && words[index + 1] === second);
}

/**
 * Names the server file access a statement requests (`pg_read_file`,
 * `COPY`, `LOAD_FILE`, `INTO OUTFILE`, `ATTACH`...), or returns undefined.
 * Read-only transactions let some of these through, so they are rejected
 * before the statement is sent.
 */
export function findServerFileAccess(
  statement: ScannedStatement,
  dialect: Dialect,
): string | undefined {
  const call = statement.calls.find((name) => SERVER_FILE_FUNCTIONS[dialect].includes(name));
  if (call) return `${call}()`;

  const first = statement.words[0];
  const words = statement.words;
  if (dialect === 'postgres') {
    if (first === 'copy') return 'COPY';
  }
  if (dialect === 'mysql') {
    if (hasSequence(words, 'into', 'outfile')) return 'INTO OUTFILE';
    if (hasSequence(words, 'into', 'dumpfile')) return 'INTO DUMPFILE';
    if (first === 'load') return 'LOAD DATA';
  }
  if (dialect === 'sqlite') {
    if (first === 'attach') return 'ATTACH';
    if (hasSequence(words, 'vacuum', 'into')) return 'VACUUM INTO';
  }
  return undefined;
}
