import { z } from 'zod';
import { defineTool } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { formatTable } from '../format.ts';
import { requireNumeric } from '../sql/columns.ts';
import { datasetInput, describeDataset } from '../sql/dataset.ts';
import { filtersInput } from '../sql/filters.ts';
import { correlation, pairMoments, spearmanInEngine } from '../stats/pairs.ts';
import { columnNamed, openDataset, READ_ONLY } from './common.ts';

const matrix = z.array(z.array(z.number().nullable()));

const input = z.object({
  dataset: datasetInput,
  columns: z
    .array(z.string().min(1).max(256))
    .min(2)
    .max(10)
    .describe('Numeric columns to correlate'),
  method: z.enum(['pearson', 'spearman', 'both']).default('both'),
  filters: filtersInput,
});

const output = z.object({
  dataset: z.string(),
  columns: z.array(z.string()),
  pearson: matrix.nullable(),
  spearman: matrix.nullable(),
  pairs: matrix.describe('Rows where both columns of the pair are present'),
  method: z.string(),
});

function squareMatrix(size: number, diagonal: number | null): (number | null)[][] {
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => (row === column ? diagonal : null)),
  );
}

function matrixTable(columns: readonly string[], values: (number | null)[][]): string {
  const rows = columns.map((name, index) => {
    const row: Record<string, unknown> = { '': name };
    columns.forEach((other, position) => {
      row[other] = values[index]?.[position] ?? null;
    });
    return row;
  });
  return formatTable(rows, ['', ...columns]);
}

export const correlateTool = defineTool<AnalyticsDeps, typeof input, typeof output>({
  name: 'correlate',
  title: 'Correlation matrix',
  description:
    'Computes Pearson and Spearman correlation matrices between numeric columns inside the database, each pair over the rows where both values are present.',
  input,
  output,
  annotations: READ_ONLY,
  async handler(args, call) {
    const columns = [...new Set(args.columns)];
    const opened = await openDataset(call, args.dataset, columns, args.filters);
    requireNumeric(
      columns.map((name) => columnNamed(opened, name)),
      'correlation',
    );
    const scope = { dataset: args.dataset, filters: args.filters };

    const pairs: [string, string][] = [];
    const positions: [number, number][] = [];
    columns.forEach((x, row) => {
      columns.forEach((y, column) => {
        if (column > row) {
          pairs.push([x, y]);
          positions.push([row, column]);
        }
      });
    });

    const moments = await pairMoments(opened.source, scope, pairs);
    const pearson = squareMatrix(columns.length, 1);
    const spearman = squareMatrix(columns.length, 1);
    const counts = squareMatrix(columns.length, null);
    for (const [index, [row, column]] of positions.entries()) {
      const entry = moments[index];
      if (!entry) continue;
      const r = correlation(entry.sxy, entry.sxx, entry.syy);
      pearson[row]![column] = r;
      pearson[column]![row] = r;
      counts[row]![column] = entry.n;
      counts[column]![row] = entry.n;
      if (args.method !== 'pearson') {
        const rho = await spearmanInEngine(opened.source, scope, pairs[index]!, entry.n);
        spearman[row]![column] = rho;
        spearman[column]![row] = rho;
        await call.progress(index + 1, pairs.length, `ranked ${pairs[index]!.join(' and ')}`);
      }
    }

    const method =
      'Pearson from centered sums computed in the database in two passes; Spearman as Pearson over average ranks (ties share their mean rank) computed with window functions in the database';
    const parts = [`${describeDataset(args.dataset)}: correlations of ${columns.join(', ')}.`];
    if (args.method !== 'spearman') parts.push(`Pearson:\n${matrixTable(columns, pearson)}`);
    if (args.method !== 'pearson') parts.push(`Spearman:\n${matrixTable(columns, spearman)}`);
    parts.push(`Pairs compared:\n${matrixTable(columns, counts)}`);
    return {
      structured: {
        dataset: describeDataset(args.dataset),
        columns,
        pearson: args.method === 'spearman' ? null : pearson,
        spearman: args.method === 'pearson' ? null : spearman,
        pairs: counts,
        method,
      },
      text: parts.join('\n\n'),
    };
  },
});
