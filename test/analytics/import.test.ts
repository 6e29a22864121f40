import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logging.ts';
import { openSqlEngine, type SqlEngine } from '../../shared/sql/index.ts';
import { connectAnalytics, type ConnectedClient } from './client.ts';

describe('import_file', () => {
  let folder: string;
  let outside: string;
  let database: SqlEngine;
  let connected: ConnectedClient;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'analytics-imports-'));
    outside = mkdtempSync(path.join(tmpdir(), 'analytics-outside-'));
    database = openSqlEngine({ url: 'sqlite://:memory:', env: {}, logger: silentLogger() });
    connected = await connectAnalytics(database, [folder]);
  });
  afterAll(async () => {
    await connected.close();
    await database.close();
    rmSync(folder, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  async function importText(name: string, text: string, args: Record<string, unknown> = {}) {
    writeFileSync(path.join(folder, name), text);
    return connected.call('import_file', { path: name, ...args });
  }

  it('infers types from every row', async () => {
    const rows = ['id,score,flag,seen,note'];
    for (let index = 1; index <= 1500; index += 1)
      rows.push(`${index},${index},true,2024-01-0${(index % 9) + 1},x`);
    rows.push('1501,2.5,false,2024-02-01T10:00:00+08:00,"a, quoted ""note"""');
    const result = await importText('scores.csv', rows.join('\n'));
    expect(result.structuredContent?.rows).toBe(1501);
    expect(result.structuredContent?.columns).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'score', type: 'REAL' },
      { name: 'flag', type: 'BOOLEAN' },
      { name: 'seen', type: 'DATETIME' },
      { name: 'note', type: 'TEXT' },
    ]);
    const last = await connected.call('aggregate', {
      dataset: { table: 'scores', source: 'workspace' },
      groupBy: ['note', 'seen'],
      filters: [{ column: 'id', op: '=', value: 1501 }],
    });
    expect(last.structuredContent?.rows).toEqual([
      { note: 'a, quoted "note"', seen: '2024-02-01 02:00:00', count: 1 },
    ]);
  });

  it('reads TSV, JSON and NDJSON', async () => {
    const tsv = await importText('t.tsv', 'a\tb\n1\tx y\n2\t\n');
    expect(tsv.structuredContent?.columns).toEqual([
      { name: 'a', type: 'INTEGER' },
      { name: 'b', type: 'TEXT' },
    ]);
    const json = await importText(
      'j.json',
      JSON.stringify([
        { n: 1, tag: { k: 1 } },
        { n: 2.5, extra: true },
      ]),
    );
    expect(json.structuredContent?.columns).toEqual([
      { name: 'n', type: 'REAL' },
      { name: 'tag', type: 'TEXT' },
      { name: 'extra', type: 'BOOLEAN' },
    ]);
    const ndjson = await importText('n.jsonl', '{"城市":"北京"}\n\n{"城市":"上海"}\n');
    expect(ndjson.structuredContent?.rows).toBe(2);
    expect(ndjson.structuredContent?.table).toBe('n');
  });

  it('reports a bad NDJSON line', async () => {
    const result = await importText('bad.ndjson', '{"a":1}\n{"a":\n');
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain('Record 2');
  });

  it('keeps an existing table unless replaced', async () => {
    await importText('twice.csv', 'a\n1\n');
    const again = await connected.call('import_file', { path: 'twice.csv' });
    expect(again.isError).toBe(true);
    expect(again.content[0]?.text).toContain('replace');
    const replaced = await connected.call('import_file', { path: 'twice.csv', replace: true });
    expect(replaced.isError).toBeFalsy();
  });

  it('rejects files over the size limit', async () => {
    const result = await importText('big.csv', `a\n${'1\n'.repeat(600_000)}`);
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain('TOO_LARGE');
  });

  it('rejects links leading outside', async () => {
    writeFileSync(path.join(outside, 'secret.csv'), 'a\n1\n');
    symlinkSync(path.join(outside, 'secret.csv'), path.join(folder, 'link.csv'));
    const result = await connected.call('import_file', { path: 'link.csv' });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain('PERMISSION_DENIED');
  });
});
