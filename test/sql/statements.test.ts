import { describe, expect, it } from 'vitest';
import { findServerFileAccess, scanStatements, type Dialect } from '../../shared/sql/index.ts';

function count(sql: string, dialect: Dialect = 'postgres'): number {
  return scanStatements(sql, dialect).length;
}

function access(sql: string, dialect: Dialect): string | undefined {
  const [statement] = scanStatements(sql, dialect);
  if (!statement) throw new Error('no statement');
  return findServerFileAccess(statement, dialect);
}

describe('scanStatements', () => {
  it('counts one statement with a trailing semicolon', () => {
    expect(count('SELECT 1;')).toBe(1);
  });

  it('counts two statements', () => {
    expect(count('SELECT 1; COMMIT')).toBe(2);
  });

  it('ignores semicolons in strings and identifiers', () => {
    expect(count(`SELECT ';', "a;b", 'it''s;' FROM t`)).toBe(1);
  });

  it('ignores semicolons in comments', () => {
    expect(count('SELECT 1 -- ; DROP TABLE t\n')).toBe(1);
    expect(count('SELECT 1 /* ; /* nested ; */ still ; */')).toBe(1);
  });

  it('ignores semicolons in dollar quotes', () => {
    expect(count('SELECT $$a;b$$, $tag$ ; $tag$')).toBe(1);
  });

  it('reads MySQL backslash escapes', () => {
    expect(count(`SELECT 'a\\'; DROP TABLE t; --'`, 'mysql')).toBe(1);
  });

  it('treats MySQL executable comments as code', () => {
    expect(count('SELECT 1 /*!50000 ; DROP TABLE t */', 'mysql')).toBe(2);
  });

  it('counts only comments as empty', () => {
    expect(count('-- nothing\n/* here */')).toBe(0);
  });

  it('keeps the words in lower case', () => {
    expect(scanStatements('SELECT Name FROM "Mixed Case"', 'postgres')[0]?.words).toEqual([
      'select',
      'name',
      'from',
      'mixed case',
    ]);
  });
});

describe('findServerFileAccess', () => {
  it('finds PostgreSQL file functions', () => {
    expect(access(`SELECT pg_read_file('/etc/passwd')`, 'postgres')).toBe('pg_read_file()');
    expect(access(`SELECT * FROM pg_ls_dir ('.')`, 'postgres')).toBe('pg_ls_dir()');
    expect(access(`SELECT lo_import('/etc/hosts')`, 'postgres')).toBe('lo_import()');
  });

  it('finds quoted function names', () => {
    expect(access(`SELECT "pg_read_file"('/etc/passwd')`, 'postgres')).toBe('pg_read_file()');
    expect(access("SELECT `load_file`('/etc/hosts')", 'mysql')).toBe('load_file()');
  });

  it('finds queries hidden in query_to_xml', () => {
    const sql = `SELECT query_to_xml('SELECT pg_read_file(''/etc/passwd'')', true, true, '')`;
    expect(access(sql, 'postgres')).toBe('query_to_xml()');
  });

  it('finds COPY', () => {
    expect(access(`COPY t TO '/tmp/out'`, 'postgres')).toBe('COPY');
  });

  it('finds MySQL file access', () => {
    expect(access(`SELECT LOAD_FILE('/etc/hosts')`, 'mysql')).toBe('load_file()');
    expect(access(`SELECT 1 INTO OUTFILE '/tmp/x'`, 'mysql')).toBe('INTO OUTFILE');
    expect(access(`SELECT 1 /*!INTO DUMPFILE '/tmp/x' */`, 'mysql')).toBe('INTO DUMPFILE');
    expect(access(`LOAD DATA INFILE '/tmp/x' INTO TABLE t`, 'mysql')).toBe('LOAD DATA');
  });

  it('finds SQLite file access', () => {
    expect(access(`ATTACH DATABASE '/tmp/x.db' AS x`, 'sqlite')).toBe('ATTACH');
    expect(access(`VACUUM INTO '/tmp/copy.db'`, 'sqlite')).toBe('VACUUM INTO');
    expect(access(`SELECT load_extension('x')`, 'sqlite')).toBe('load_extension()');
  });

  it('ignores the names inside strings', () => {
    expect(access(`SELECT 'pg_read_file(1)'`, 'postgres')).toBeUndefined();
  });

  it('accepts ordinary queries', () => {
    expect(access('SELECT copy_count FROM books', 'postgres')).toBeUndefined();
  });
});
