import type { PairMoments } from './pairs.ts';

export interface RegressionFit {
  n: number;
  slope: number | null;
  intercept: number | null;
  rSquared: number | null;
  slopeStandardError: number | null;
  interceptStandardError: number | null;
  /** Standard deviation of the residuals, with n - 2 degrees of freedom. */
  residualStandardError: number | null;
}

/** Fits y = intercept + slope·x by ordinary least squares from centered pair moments. */
export function fitLine(moments: PairMoments): RegressionFit {
  const { n, sxx, syy, sxy, meanX, meanY } = moments;
  const empty = {
    n,
    slope: null,
    intercept: null,
    rSquared: null,
    slopeStandardError: null,
    interceptStandardError: null,
    residualStandardError: null,
  };
  if (n < 2 || sxx <= 0 || meanX === null || meanY === null) return empty;

  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const residualSquares = Math.max(0, syy - slope * sxy);
  const rSquared = syy > 0 ? Math.min(1, Math.max(0, 1 - residualSquares / syy)) : null;
  if (n < 3) return { ...empty, slope, intercept, rSquared };

  const residualVariance = residualSquares / (n - 2);
  return {
    n,
    slope,
    intercept,
    rSquared,
    slopeStandardError: Math.sqrt(residualVariance / sxx),
    interceptStandardError: Math.sqrt(residualVariance * (1 / n + (meanX * meanX) / sxx)),
    residualStandardError: Math.sqrt(residualVariance),
  };
}
