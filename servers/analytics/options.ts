import { z } from 'zod';
import { option } from '../../shared/config/options.ts';

const positiveInteger = (what: string, max: number) =>
  z.coerce
    .number({ message: `expected ${what}` })
    .int('expected a whole number')
    .min(1, `expected ${what} of at least 1`)
    .max(max, `expected ${what} of at most ${max}`);

export const analyticsOptions = {
  url: option({
    flag: 'url',
    env: ['DATABASE_URL'],
    schema: z.string().min(1, 'expected a database URL').optional(),
    secret: 'url',
    valueName: 'URL',
    description:
      'database to analyse: postgres://, mysql://, mariadb:// or sqlite:///path; the embedded demo shop when unset',
  }),
  dataDir: option({
    flag: 'data-dir',
    env: ['CONDUIT_DATA_DIRS'],
    schema: z.string().optional(),
    valueName: 'DIRS',
    description:
      'comma-separated folders import_file may read from; imports are disabled when unset',
  }),
  maxImportBytes: option({
    flag: 'max-import-bytes',
    env: ['CONDUIT_MAX_IMPORT_BYTES'],
    schema: positiveInteger('a size in bytes', 10 * 1024 * 1024 * 1024),
    default: 100 * 1024 * 1024,
    valueName: 'BYTES',
    description: 'maximum size of a file import_file accepts, in bytes',
  }),
  timeoutMs: option({
    flag: 'timeout-ms',
    env: ['CONDUIT_TIMEOUT_MS'],
    schema: positiveInteger('a time in milliseconds', 3_600_000),
    default: 30_000,
    valueName: 'MS',
    description: 'time one statement may run before the engine cancels it, in milliseconds',
  }),
  maxRows: option({
    flag: 'max-rows',
    env: ['CONDUIT_MAX_ROWS'],
    schema: positiveInteger('a row count', 100_000),
    default: 1000,
    valueName: 'N',
    description: 'maximum number of groups, buckets, points or rows in one tool result',
  }),
};
