import type { Knex } from 'knex';
import type { ColumnInfo } from '../sql/columns.ts';
import type { DatasetInput } from '../sql/dataset.ts';
import { engineFeatures, quoteIdentifier, type StatsSource } from '../sql/engine.ts';
import type { FilterInput } from '../sql/filters.ts';
import { toJsonValue, toNumber } from '../sql/values.ts';
import type { JsonValue } from './aggregate.ts';
import type { Metric } from './metrics.ts';
import { columnMeans, varianceFromShiftedSums } from './moments.ts';
import { nativeQuantileSql, QUANTILE_METHOD_TEXT } from './quantiles.ts';

export interface MetricPlan {
  metric: Metric;
  /** Reads the metric from a result row of the main query. */
  read(row: Record<string, unknown>): JsonValue;
  /** An SQL expression to order by, or null when the value is computed afterwards. */
  orderSql: string | null;
  method: string;
}

function planMetric(
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

/**
 * Adds every metric's SQL to a grouped query. On engines without stddev_samp
 * the column means are fetched first, to shift the sums of squares by them.
 */
export async function planMetrics(
  source: StatsSource,
  builder: Knex.QueryBuilder,
  scope: {
    dataset: DatasetInput;
    filters: readonly FilterInput[];
    columns: readonly ColumnInfo[];
    metrics: readonly Metric[];
  },
): Promise<MetricPlan[]> {
  const features = await engineFeatures(source);
  const stddevColumns = scope.metrics
    .filter((metric) => metric.fn === 'stddev')
    .map((metric) => metric.column ?? '');
  const means =
    !features.stddevAggregate && stddevColumns.length > 0
      ? await columnMeans(source, scope.dataset, scope.filters, stddevColumns)
      : new Map<string, number | null>();

  const context = {
    columns: scope.columns,
    stddevNative: features.stddevAggregate,
    quantilesNative: features.percentileAggregate,
    means,
  };
  return scope.metrics.map((metric, index) => planMetric(source, builder, metric, index, context));
}
