import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { defineTool } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { formatNumber } from '../format.ts';
import { requireNumeric } from '../sql/columns.ts';
import { datasetInput, describeDataset } from '../sql/dataset.ts';
import { filtersInput } from '../sql/filters.ts';
import { pairMoments } from '../stats/pairs.ts';
import { fitLine } from '../stats/regression.ts';
import { columnNamed, openDataset, READ_ONLY } from './common.ts';
import { nullableNumber } from './schemas.ts';

const input = z.object({
  dataset: datasetInput,
  x: z.string().min(1).max(256).describe('Predictor column'),
  y: z.string().min(1).max(256).describe('Response column'),
  filters: filtersInput,
});

const output = z.object({
  dataset: z.string(),
  x: z.string(),
  y: z.string(),
  n: z.number(),
  slope: nullableNumber,
  intercept: nullableNumber,
  rSquared: nullableNumber,
  slopeStandardError: nullableNumber,
  interceptStandardError: nullableNumber,
  residualStandardError: nullableNumber,
  method: z.string(),
});

export const regressTool = defineTool<AnalyticsDeps, typeof input, typeof output>({
  name: 'regress',
  title: 'Linear regression',
  description:
    'Fits y = intercept + slope·x by ordinary least squares inside the database and returns slope, intercept, r² and their standard errors, over rows where both values are present.',
  input,
  output,
  annotations: READ_ONLY,
  async handler(args, call) {
    const opened = await openDataset(call, args.dataset, [args.x, args.y], args.filters);
    requireNumeric([columnNamed(opened, args.x), columnNamed(opened, args.y)], 'regression');
    const [moments] = await pairMoments(
      opened.source,
      { dataset: args.dataset, filters: args.filters },
      [[args.x, args.y]],
    );
    if (!moments || moments.n < 2) {
      throw new ToolError(
        'INVALID_ARGUMENT',
        `Fewer than 2 rows have both "${args.x}" and "${args.y}".`,
        {
          hint: 'Loosen the filters or pick columns with more values.',
        },
      );
    }
    const fit = fitLine(moments);
    if (fit.slope === null) {
      throw new ToolError(
        'INVALID_ARGUMENT',
        `Column "${args.x}" has the same value in every row, so no line fits.`,
        {
          hint: 'Pick a predictor that varies.',
        },
      );
    }

    const show = (value: number | null) => (value === null ? 'n/a' : formatNumber(value));
    const text = [
      `${describeDataset(args.dataset)}: ${args.y} = ${show(fit.intercept)} + ${show(fit.slope)} × ${args.x} over ${fit.n} rows.`,
      `r² = ${show(fit.rSquared)}; standard errors: slope ${show(fit.slopeStandardError)}, intercept ${show(fit.interceptStandardError)}; residual standard error ${show(fit.residualStandardError)}.`,
    ].join('\n');
    return {
      structured: {
        dataset: describeDataset(args.dataset),
        x: args.x,
        y: args.y,
        ...fit,
        method: 'ordinary least squares from centered sums computed in the database in two passes',
      },
      text,
    };
  },
});
