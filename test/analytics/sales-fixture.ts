import type { Knex } from 'knex';

export interface SaleRow {
  id: number;
  region: string | null;
  amount: number | null;
  qty: number | null;
  sold_at: string;
}

/**
 * Fixed rows with the hard cases: a group of one row ("São Paulo"), a group
 * whose numbers are all null ("empty"), a null group, negative values and
 * non-ASCII names. Times are UTC.
 */
export const SALES: SaleRow[] = [
  { id: 1, region: 'north', amount: 10.5, qty: 1, sold_at: '2024-01-01 09:00:00' },
  { id: 2, region: 'north', amount: 20, qty: 2, sold_at: '2024-01-01 17:30:00' },
  { id: 3, region: 'north', amount: 30, qty: null, sold_at: '2024-01-03 02:00:00' },
  { id: 4, region: 'north', amount: 40.25, qty: 4, sold_at: '2024-02-10 12:00:00' },
  { id: 5, region: '北京', amount: 5, qty: 5, sold_at: '2024-02-11 23:30:00' },
  { id: 6, region: '北京', amount: 15, qty: null, sold_at: '2024-03-31 16:15:00' },
  { id: 7, region: 'São Paulo', amount: 7, qty: 7, sold_at: '2024-03-31 23:59:00' },
  { id: 8, region: 'empty', amount: null, qty: null, sold_at: '2024-04-01 00:00:00' },
  { id: 9, region: null, amount: 12, qty: 3, sold_at: '2024-04-15 08:00:00' },
  { id: 10, region: null, amount: 18, qty: 6, sold_at: '2024-05-02 10:00:00' },
  { id: 11, region: 'south', amount: -3, qty: 8, sold_at: '2024-05-02 11:00:00' },
  { id: 12, region: 'south', amount: 100, qty: 9, sold_at: '2024-06-30 20:00:00' },
];

export async function createSales(knex: Knex, table = 'sales'): Promise<void> {
  await knex.schema.createTable(table, (builder) => {
    builder.integer('id').primary();
    builder.string('region', 64).nullable();
    builder.double('amount').nullable();
    builder.integer('qty').nullable();
    builder.datetime('sold_at', { useTz: false });
  });
  await knex(table).insert(SALES);
}
