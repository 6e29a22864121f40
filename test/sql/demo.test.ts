import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDirectory, demoDatabasePath, ensureDemoDatabase } from '../../shared/sql/index.ts';

const folder = mkdtempSync(join(tmpdir(), 'database-demo-'));

function fingerprint(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    for (const table of ['customers', 'products', 'orders', 'order_items']) {
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw().iterate()) {
        hash.update(JSON.stringify(row));
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

function query<T>(path: string, sql: string): T[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('demo database', () => {
  const first = join(folder, 'a', 'demo-shop.sqlite');
  const second = join(folder, 'b', 'demo-shop.sqlite');

  it('generates the same content every time', async () => {
    expect(await ensureDemoDatabase(first)).toBe(true);
    expect(await ensureDemoDatabase(second)).toBe(true);
    expect(fingerprint(first)).toBe(fingerprint(second));
  });

  it('keeps an existing file', async () => {
    const before = statSync(first).mtimeMs;
    expect(await ensureDemoDatabase(first)).toBe(false);
    expect(statSync(first).mtimeMs).toBe(before);
  });

  it('regenerates on request', async () => {
    expect(await ensureDemoDatabase(first, { regenerate: true })).toBe(true);
    expect(fingerprint(first)).toBe(fingerprint(second));
  });

  it('has customers in cities with country codes', () => {
    const cities = query<{ city: string; city_local: string; country_code: string }>(
      first,
      'SELECT DISTINCT city, city_local, country_code FROM customers',
    );
    expect(cities).toContainEqual({ city: 'Beijing', city_local: '北京', country_code: 'CN' });
    expect(cities).toContainEqual({
      city: 'São Paulo',
      city_local: 'São Paulo',
      country_code: 'BR',
    });
    expect(cities.map((row) => row.city)).toEqual(
      expect.arrayContaining(['Shanghai', 'Tokyo', 'Berlin', 'New York']),
    );
  });

  it('names products in English and Chinese', () => {
    const products = query<{ name_en: string; name_zh: string }>(
      first,
      'SELECT name_en, name_zh FROM products',
    );
    expect(products.length).toBeGreaterThanOrEqual(20);
    expect(products).toContainEqual({ name_en: 'Green Tea', name_zh: '绿茶' });
    expect(products.every((row) => /[\u4e00-\u9fff]/.test(row.name_zh))).toBe(true);
  });

  it('covers two years of monthly sales', () => {
    const months = query<{ month: string; revenue: number }>(
      first,
      `SELECT substr(ordered_at, 1, 7) AS month, SUM(revenue) AS revenue FROM order_revenue GROUP BY month ORDER BY month`,
    );
    expect(months).toHaveLength(24);
    expect(months[0]?.month).toBe('2024-01');
    expect(months[23]?.month).toBe('2025-12');
    const december = months.find((row) => row.month === '2025-12')?.revenue ?? 0;
    const july = months.find((row) => row.month === '2025-07')?.revenue ?? 0;
    expect(december).toBeGreaterThan(july);
  });

  it('ranks cities by revenue', () => {
    const ranking = query<{ city: string }>(
      first,
      'SELECT city FROM order_revenue GROUP BY city ORDER BY SUM(revenue) DESC LIMIT 3',
    );
    expect(ranking.map((row) => row.city)).toEqual(['Shanghai', 'Tokyo', 'Beijing']);
  });
});

describe('dataDirectory', () => {
  it('prefers CONDUIT_DATA_DIR', () => {
    expect(dataDirectory({ CONDUIT_DATA_DIR: '/srv/conduit', HOME: '/home/a' }, 'linux')).toBe(
      '/srv/conduit',
    );
  });

  it('follows XDG on Linux', () => {
    expect(dataDirectory({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.local/share/conduit');
    expect(dataDirectory({ HOME: '/home/a', XDG_DATA_HOME: '/data' }, 'linux')).toBe(
      '/data/conduit',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(dataDirectory({ HOME: '/Users/a' }, 'darwin')).toBe(
      '/Users/a/Library/Application Support/conduit',
    );
  });

  it('uses LOCALAPPDATA on Windows', () => {
    expect(dataDirectory({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toMatch(
      /AppData.Local.conduit$/,
    );
  });

  it('names the demo file inside it', () => {
    expect(demoDatabasePath({ CONDUIT_DATA_DIR: '/srv/conduit' }, 'linux')).toBe(
      '/srv/conduit/demo-shop.sqlite',
    );
  });
});
