import type { Knex } from 'knex';
import { ToolError } from '../../../shared/errors.ts';
import type { ColumnInfo } from '../sql/columns.ts';
import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { engineFeatures, quoteIdentifier, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { toJsonValue, toNumber } from '../sql/values.ts';
import { groupKey } from './groups.ts';
import type { Metric } from './metrics.ts';
import { groupedQuantiles, nativeQuantileSql, QUANTILE_METHOD_TEXT } from './quantiles.ts';
import { columnMeans, varianceFromShiftedSums } from './moments.ts';

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

export interface MetricPlan {
  metric: Metric;
  /** Reads the metric from a result row of the main query. */
  read(row: Record<string, unknown>): JsonValue;
  /** An SQL expression to order by, or null when the value is computed afterwards. */
  orderSql: string | null;
  method: string;
}

export function planMetric(
  source: StatsSource,
  builder: Knex.QueryBuilder,
  metric: Metric,
  index: number,
  context: {
    columns: readonly ColumnInfo[];
    stddevNative: boolean;
    quantilesNative: boolean;
    means: Map<string, number | null>;
  },
): MetricPlan {
  const { engine, knex } = source;
  const column = metric.column === null ? null : quoteIdentifier(engine, metric.column);
  const field = (suffix: string) => `__m${index}_${suffix}`;
  const select = (sql: string, suffix: string, bindings: unknown[] = []) => {
    builder.select(
      knex.raw(
        `${sql} as ${quoteIdentifier(engine, field(suffix))}`,
        bindings as Knex.RawBinding[],
      ),
    );
    return sql;
  };
  const isNumberColumn =
    context.columns.find((info) => info.name === metric.column)?.kind === 'number';
  const pushed = 'exact, computed by the engine';

  switch (metric.fn) {
    case 'count':
    case 'count_distinct': {
      const sql =
        metric.fn === 'count_distinct'
          ? `count(distinct ${column})`
          : column
            ? `count(${column})`
            : 'count(*)';
      select(sql, 'v');
      return {
        metric,
        read: (row) => toNumber(row[field('v')]) ?? 0,
        orderSql: sql,
        method: pushed,
      };
    }
    case 'sum':
    case 'min':
    case 'max': {
      const sql = `${metric.fn}(${column})`;
      select(sql, 'v');
      const read = (row: Record<string, unknown>) =>
        metric.fn === 'sum' || isNumberColumn
          ? toNumber(row[field('v')])
          : toJsonValue(row[field('v')]);
      return { metric, read, orderSql: sql, method: pushed };
    }
    case 'avg': {
      select(`sum(${column})`, 's');
      select(`count(${column})`, 'c');
      const read = (row: Record<string, unknown>) => {
        const count = toNumber(row[field('c')]) ?? 0;
        const sum = toNumber(row[field('s')]);
        return count === 0 || sum === null ? null : sum / count;
      };
      return {
        metric,
        read,
        orderSql: `avg(${column})`,
        method: 'exact: the engine sums and counts, the mean is their ratio',
      };
    }
    case 'stddev': {
      if (context.stddevNative) {
        const sql = `stddev_samp(${column})`;
        select(sql, 'v');
        return {
          metric,
          read: (row) => toNumber(row[field('v')]),
          orderSql: sql,
          method: "sample standard deviation, by the engine's stddev_samp",
        };
      }
      const shift = context.means.get(metric.column ?? '') ?? 0;
      const squares = select(`sum((${column} - ?) * (${column} - ?))`, 'q', [shift, shift]);
      const sum = select(`sum(${column} - ?)`, 's', [shift]);
      const count = select(`count(${column})`, 'c');
      const read = (row: Record<string, unknown>) => {
        const variance = varianceFromShiftedSums(
          toNumber(row[field('q')]),
          toNumber(row[field('s')]),
          toNumber(row[field('c')]) ?? 0,
        );
        return variance === null ? null : Math.sqrt(variance);
      };
      const orderSql = knex
        .raw(`(${squares} - ${sum} * ${sum} / ${count})`, [shift, shift, shift, shift])
        .toString();
      return {
        metric,
        read,
        orderSql,
        method:
          'sample standard deviation from sums of squares taken in the engine, shifted by the column mean for accuracy',
      };
    }
    case 'median':
    case 'percentile': {
      if (context.quantilesNative) {
        const expression = nativeQuantileSql(
          source,
          metric.column ?? '',
          metric.probability ?? 0.5,
        );
        builder.select(knex.raw(`? as ${quoteIdentifier(engine, field('v'))}`, [expression]));
        return {
          metric,
          read: (row) => toNumber(row[field('v')]),
          orderSql: expression.toString(),
          method: QUANTILE_METHOD_TEXT.percentile_cont,
        };
      }
      return { metric, read: () => null, orderSql: null, method: QUANTILE_METHOD_TEXT.window_rank };
    }
  }
}

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
  const features = await engineFeatures(source);
  const stddevColumns = query.metrics
    .filter((metric) => metric.fn === 'stddev')
    .map((metric) => metric.column ?? '');
  const means =
    !features.stddevAggregate && stddevColumns.length > 0
      ? await columnMeans(source, query.dataset, query.filters, stddevColumns)
      : new Map<string, number | null>();

  const builder = knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(engine, builder, query.filters);
  const groupColumns = query.groupBy.map((column) => quoteIdentifier(engine, column));
  for (const column of groupColumns) builder.select(knex.raw(column));
  if (groupColumns.length > 0) builder.groupByRaw(groupColumns.join(', '));

  const context = {
    columns: query.columns,
    stddevNative: features.stddevAggregate,
    quantilesNative: features.percentileAggregate,
    means,
  };
  const plans = query.metrics.map((metric, index) =>
    planMetric(source, builder, metric, index, context),
  );

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
