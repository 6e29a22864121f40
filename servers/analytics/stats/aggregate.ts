import { ToolError } from '../../../shared/errors.ts';
import type { ColumnInfo } from '../sql/columns.ts';
import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { quoteIdentifier, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { toJsonValue } from '../sql/values.ts';
import { groupKey } from './groups.ts';
import type { Metric } from './metrics.ts';
import { planMetrics, type MetricPlan } from './metric-plan.ts';
import { groupedQuantiles } from './quantiles.ts';

export type JsonValue = string | number | boolean | null;

export interface OrderTerm {
  by: string;
  direction: 'asc' | 'desc';
}

export interface AggregateQuery {
  dataset: DatasetInput;
  columns: readonly ColumnInfo[];
  filters: readonly FilterInput[];
  groupBy: readonly string[];
  metrics: readonly Metric[];
  orderBy: readonly OrderTerm[];
  limit: number;
}

export interface AggregateResult {
  rows: Record<string, JsonValue>[];
  /** True when more groups matched than the limit let through. */
  truncated: boolean;
  /** The method behind each metric, by alias. */
  methods: Record<string, string>;
  /** The main statement sent to the engine, values inlined. */
  sql: string;
}

/** Groups that may be fetched when ordering has to happen outside the engine. */
const MAX_GROUPS_SORTED_IN_PROCESS = 50_000;

function compareValues(left: JsonValue | undefined, right: JsonValue | undefined): number {
  const leftMissing = left === null || left === undefined;
  const rightMissing = right === null || right === undefined;
  if (leftMissing && rightMissing) return 0;
  if (leftMissing) return 1;
  if (rightMissing) return -1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
}

/** Orders rows with nulls last in either direction, as the engine query does. */
function sortRows(rows: Record<string, JsonValue>[], orderBy: readonly OrderTerm[]): void {
  rows.sort((left, right) => {
    for (const term of orderBy) {
      const a = left[term.by];
      const b = right[term.by];
      const missing = (a === null || a === undefined) !== (b === null || b === undefined);
      const order = compareValues(a, b);
      if (order !== 0) return missing || term.direction === 'asc' ? order : -order;
    }
    return 0;
  });
}

/**
 * Groups a dataset and computes every metric per group inside the engine.
 * Quantiles on engines without a percentile aggregate come from a second
 * ranked query; ordering by them then happens here, over at most
 * MAX_GROUPS_SORTED_IN_PROCESS groups.
 */
export async function aggregate(
  source: StatsSource,
  query: AggregateQuery,
): Promise<AggregateResult> {
  const { engine, knex } = source;
  const builder = knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(engine, builder, query.filters);
  const groupColumns = query.groupBy.map((column) => quoteIdentifier(engine, column));
  for (const column of groupColumns) builder.select(knex.raw(column));
  if (groupColumns.length > 0) builder.groupByRaw(groupColumns.join(', '));

  const plans = await planMetrics(source, builder, query);

  const orderSql = (term: OrderTerm): string | null => {
    const groupIndex = query.groupBy.indexOf(term.by);
    if (groupIndex >= 0) return groupColumns[groupIndex] ?? null;
    return plans.find((plan) => plan.metric.alias === term.by)?.orderSql ?? null;
  };
  for (const term of query.orderBy) {
    if (!query.groupBy.includes(term.by) && !plans.some((plan) => plan.metric.alias === term.by)) {
      const names = [...query.groupBy, ...plans.map((plan) => plan.metric.alias)].join(', ');
      throw new ToolError(
        'INVALID_ARGUMENT',
        `Cannot order by "${term.by}": it is not a group column or a metric.`,
        {
          hint: `Order by one of: ${names}.`,
        },
      );
    }
  }
  const orderInEngine = query.orderBy.every((term) => orderSql(term) !== null);
  const ordering =
    query.orderBy.length > 0
      ? query.orderBy
      : query.groupBy.map((by) => ({ by, direction: 'asc' as const }));
  if (orderInEngine) {
    for (const term of ordering) {
      const sql = orderSql(term) ?? '';
      builder.orderByRaw(`(${sql}) is null, ${sql} ${term.direction}`);
    }
    builder.limit(query.limit + 1);
  } else {
    builder.limit(MAX_GROUPS_SORTED_IN_PROCESS + 1);
  }

  const raw = await selectRows(source, builder);
  let rows = raw.map((row) => {
    const result: Record<string, JsonValue> = {};
    for (const column of query.groupBy) result[column] = toJsonValue(row[column]);
    for (const plan of plans) result[plan.metric.alias] = plan.read(row);
    return result;
  });

  const deferred = plans.filter((plan) => plan.orderSql === null);
  const byColumn = new Map<string, MetricPlan[]>();
  for (const plan of deferred) {
    const list = byColumn.get(plan.metric.column ?? '') ?? [];
    list.push(plan);
    byColumn.set(plan.metric.column ?? '', list);
  }
  for (const [column, columnPlans] of byColumn) {
    const quantiles = await groupedQuantiles(source, {
      dataset: query.dataset,
      filters: query.filters,
      groupBy: query.groupBy,
      column,
      probabilities: columnPlans.map((plan) => plan.metric.probability ?? 0.5),
    });
    for (const row of rows) {
      const values = quantiles.byGroup.get(groupKey(row, query.groupBy));
      columnPlans.forEach((plan, index) => {
        row[plan.metric.alias] = values?.[index] ?? null;
      });
    }
  }

  if (!orderInEngine) {
    if (rows.length > MAX_GROUPS_SORTED_IN_PROCESS) {
      throw new ToolError(
        'TOO_LARGE',
        `More than ${MAX_GROUPS_SORTED_IN_PROCESS} groups would need ordering by a quantile.`,
        {
          hint: 'Order by a group column or another metric, or add filters to reduce the groups.',
        },
      );
    }
    sortRows(rows, ordering);
  }
  const truncated = rows.length > query.limit;
  rows = rows.slice(0, query.limit);

  const methods: Record<string, string> = {};
  for (const plan of plans) methods[plan.metric.alias] = plan.method;
  return { rows, truncated, methods, sql: builder.toString() };
}
