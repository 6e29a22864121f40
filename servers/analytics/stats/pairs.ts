import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { quoteIdentifier, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { numberPlaceholder } from '../sql/params.ts';
import { toNumber } from '../sql/values.ts';

/** Centered sums over the rows where both columns of a pair are present. */
export interface PairMoments {
  x: string;
  y: string;
  n: number;
  meanX: number | null;
  meanY: number | null;
  /** Sum of (x - meanX)². */
  sxx: number;
  syy: number;
  /** Sum of (x - meanX)(y - meanY). */
  sxy: number;
}

interface PairScope {
  dataset: DatasetInput;
  filters: readonly FilterInput[];
}

function bothPresent(x: string, y: string): string {
  return `${x} is not null and ${y} is not null`;
}

/**
 * Computes centered moments for each pair in two passes inside the engine:
 * the means first, then sums of products of deviations from them. Two passes
 * avoid the cancellation that single-pass sums suffer on large values.
 */
export async function pairMoments(
  source: StatsSource,
  scope: PairScope,
  pairs: readonly (readonly [string, string])[],
): Promise<PairMoments[]> {
  const { engine, knex } = source;
  const quoted = pairs.map(
    ([x, y]) => [quoteIdentifier(engine, x), quoteIdentifier(engine, y)] as const,
  );

  const first = knex.queryBuilder().from(datasetFrom(source, scope.dataset));
  applyFilters(engine, first, scope.filters);
  quoted.forEach(([x, y], index) => {
    const when = bothPresent(x, y);
    first.select(
      knex.raw(
        `count(case when ${when} then 1 end) as __n${index}, ` +
          `sum(case when ${when} then ${x} end) as __x${index}, ` +
          `sum(case when ${when} then ${y} end) as __y${index}`,
      ),
    );
  });
  const [sums = {}] = await selectRows(source, first);

  const means = quoted.map((_, index) => {
    const n = toNumber(sums[`__n${index}`]) ?? 0;
    const sumX = toNumber(sums[`__x${index}`]);
    const sumY = toNumber(sums[`__y${index}`]);
    return {
      n,
      meanX: n === 0 || sumX === null ? null : sumX / n,
      meanY: n === 0 || sumY === null ? null : sumY / n,
    };
  });

  const second = knex.queryBuilder().from(datasetFrom(source, scope.dataset));
  applyFilters(engine, second, scope.filters);
  const number = numberPlaceholder(engine);
  quoted.forEach(([x, y], index) => {
    const when = bothPresent(x, y);
    const mx = means[index]?.meanX ?? 0;
    const my = means[index]?.meanY ?? 0;
    const dx = `(${x} - ${number})`;
    const dy = `(${y} - ${number})`;
    second.select(
      knex.raw(
        `sum(case when ${when} then ${dx} * ${dx} end) as __xx${index}, ` +
          `sum(case when ${when} then ${dy} * ${dy} end) as __yy${index}, ` +
          `sum(case when ${when} then ${dx} * ${dy} end) as __xy${index}`,
        [mx, mx, my, my, mx, my],
      ),
    );
  });
  const [squares = {}] = await selectRows(source, second);

  return pairs.map(([x, y], index) => ({
    x,
    y,
    n: means[index]?.n ?? 0,
    meanX: means[index]?.meanX ?? null,
    meanY: means[index]?.meanY ?? null,
    sxx: toNumber(squares[`__xx${index}`]) ?? 0,
    syy: toNumber(squares[`__yy${index}`]) ?? 0,
    sxy: toNumber(squares[`__xy${index}`]) ?? 0,
  }));
}

/**
 * Computes the Spearman coefficient of one pair inside the engine: ties get
 * the average of their ranks, and the ranks are correlated around their known
 * mean (n + 1) / 2.
 */
export async function spearmanInEngine(
  source: StatsSource,
  scope: PairScope,
  pair: readonly [string, string],
  n: number,
): Promise<number | null> {
  if (n < 2) return null;
  const { engine, knex } = source;
  const x = quoteIdentifier(engine, pair[0]);
  const y = quoteIdentifier(engine, pair[1]);

  const ranked = knex.queryBuilder().from(datasetFrom(source, scope.dataset));
  applyFilters(engine, ranked, scope.filters);
  ranked.whereRaw(bothPresent(x, y));
  ranked.select(
    knex.raw(
      `rank() over (order by ${x}) + (count(*) over (partition by ${x}) - 1) / 2.0 as __rx, ` +
        `rank() over (order by ${y}) + (count(*) over (partition by ${y}) - 1) / 2.0 as __ry`,
    ),
  );

  const center = (n + 1) / 2;
  const number = numberPlaceholder(engine);
  const outer = knex
    .queryBuilder()
    .from(knex.raw(`(?) as ${quoteIdentifier(engine, 'ranks')}`, [ranked]))
    .select(
      knex.raw(
        `sum((__rx - ${number}) * (__ry - ${number})) as sxy, ` +
          `sum((__rx - ${number}) * (__rx - ${number})) as sxx, ` +
          `sum((__ry - ${number}) * (__ry - ${number})) as syy`,
        [center, center, center, center, center, center],
      ),
    );
  const [row = {}] = await selectRows(source, outer);
  return correlation(toNumber(row.sxy) ?? 0, toNumber(row.sxx) ?? 0, toNumber(row.syy) ?? 0);
}

/** Returns sxy / sqrt(sxx syy), or null when either column is constant. */
export function correlation(sxy: number, sxx: number, syy: number): number | null {
  if (sxx <= 0 || syy <= 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}
