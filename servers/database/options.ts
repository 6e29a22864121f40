import { z } from 'zod';
import { option } from '../../shared/config/options.ts';

const positiveInteger = (unit: string, max: number) =>
  z.coerce
    .number({ message: `expected a number of ${unit}` })
    .int('expected a whole number')
    .min(1, `expected at least 1 ${unit}`)
    .max(max, `expected at most ${max} ${unit}`);

/** Largest --max-bytes: results stay well below the 10 MiB line limit of the SDK's stdio client. */
export const MAX_RESULT_BYTES = 8 * 1024 * 1024;

export const databaseOptions = {
  url: option({
    flag: 'url',
    env: ['DATABASE_URL'],
    schema: z.string().min(1, 'expected a database URL').optional(),
    secret: 'url',
    valueName: 'URL',
    description:
      'database to open: postgres://, mysql://, mariadb:// or sqlite:///path; without it PG*/MYSQL_* variables or the demo database',
  }),
  allowWrite: option({
    flag: 'allow-write',
    env: ['CONDUIT_DATABASE_ALLOW_WRITE'],
    schema: z.boolean(),
    default: false,
    boolean: true,
    description: 'add the execute tool for statements that change data (reads stay read-only)',
  }),
  maxRows: option({
    flag: 'max-rows',
    env: ['CONDUIT_DATABASE_MAX_ROWS'],
    schema: positiveInteger('rows', 1_000_000),
    default: 1000,
    valueName: 'N',
    description: 'rows a result keeps at most before it is marked truncated',
  }),
  maxBytes: option({
    flag: 'max-bytes',
    env: ['CONDUIT_DATABASE_MAX_BYTES'],
    schema: positiveInteger('bytes', MAX_RESULT_BYTES),
    default: 1024 * 1024,
    valueName: 'BYTES',
    description: 'JSON bytes of result rows kept at most before the result is marked truncated',
  }),
  timeoutMs: option({
    flag: 'timeout-ms',
    env: ['CONDUIT_DATABASE_TIMEOUT_MS'],
    schema: positiveInteger('milliseconds', 3_600_000),
    default: 15_000,
    valueName: 'MS',
    description: 'statement timeout in milliseconds; the statement is cancelled on the server',
  }),
  regenerateDemo: option({
    flag: 'regenerate-demo',
    env: ['CONDUIT_REGENERATE_DEMO'],
    schema: z.boolean(),
    default: false,
    boolean: true,
    description: 'rebuild the demo database before first use',
  }),
};
