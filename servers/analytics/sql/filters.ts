import type { Knex } from 'knex';
import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { quoteIdentifier, type Engine } from './engine.ts';
import { numberPlaceholder } from './params.ts';

const scalar = z.union([z.string().max(10_000), z.number(), z.boolean()]);

export const filterInput = z.object({
  column: z.string().min(1).max(256),
  op: z
    .enum([
      '=',
      '!=',
      '<',
      '<=',
      '>',
      '>=',
      'in',
      'not_in',
      'between',
      'is_null',
      'not_null',
      'contains',
    ])
    .describe('"in"/"not_in" take a list, "between" a pair [low, high], "contains" a text'),
  value: z.union([scalar, z.array(scalar).max(1000)]).optional(),
});

export const filtersInput = z
  .array(filterInput)
  .max(20)
  .default([])
  .describe('Conditions every row must meet, combined with AND');

export type FilterInput = z.output<typeof filterInput>;

const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

function placeholder(engine: Engine, value: string | number | boolean): string {
  return typeof value === 'number' ? numberPlaceholder(engine) : '?';
}

function scalarValue(filter: FilterInput): string | number | boolean {
  if (filter.value === undefined || Array.isArray(filter.value)) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `Filter "${filter.column} ${filter.op}" needs one value.`,
      {
        hint: `Give "value" as a single number, text or boolean for the "${filter.op}" operator.`,
      },
    );
  }
  return filter.value;
}

function listValue(filter: FilterInput, length?: number): (string | number | boolean)[] {
  const value = filter.value;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    (length !== undefined && value.length !== length)
  ) {
    const wanted = length === undefined ? 'a non-empty list' : `a list of ${length} values`;
    throw new ToolError(
      'INVALID_ARGUMENT',
      `Filter "${filter.column} ${filter.op}" needs ${wanted}.`,
      {
        hint: `Give "value" as ${wanted}.`,
      },
    );
  }
  return value;
}

/** Adds structured filters to a query as AND-ed WHERE conditions with bound values. */
export function applyFilters(
  engine: Engine,
  query: Knex.QueryBuilder,
  filters: readonly FilterInput[],
): Knex.QueryBuilder {
  for (const filter of filters) {
    const column = quoteIdentifier(engine, filter.column);
    if (COMPARISONS.has(filter.op)) {
      const op = filter.op === '!=' ? '<>' : filter.op;
      const value = scalarValue(filter);
      query.whereRaw(`${column} ${op} ${placeholder(engine, value)}`, [value]);
    } else if (filter.op === 'in' || filter.op === 'not_in') {
      const values = listValue(filter);
      const marks = values.map((value) => placeholder(engine, value)).join(', ');
      query.whereRaw(`${column} ${filter.op === 'in' ? 'in' : 'not in'} (${marks})`, values);
    } else if (filter.op === 'between') {
      const [low, high] = listValue(filter, 2) as [
        string | number | boolean,
        string | number | boolean,
      ];
      query.whereRaw(
        `${column} between ${placeholder(engine, low)} and ${placeholder(engine, high)}`,
        [low, high],
      );
    } else if (filter.op === 'is_null') {
      query.whereRaw(`${column} is null`);
    } else if (filter.op === 'not_null') {
      query.whereRaw(`${column} is not null`);
    } else {
      const text = String(scalarValue(filter));
      const pattern = `%${text.replace(/[!%_]/g, (match) => `!${match}`)}%`;
      const cast = engine === 'postgres' ? `cast(${column} as text)` : column;
      query.whereRaw(`${cast} like ? escape '!'`, [pattern]);
    }
  }
  return query;
}

/** Lists the column names that filters refer to, so callers can check they exist. */
export function filterColumns(filters: readonly FilterInput[]): string[] {
  return filters.map((filter) => filter.column);
}
