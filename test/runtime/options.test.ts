import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConfigError,
  describeSettings,
  option,
  parseOptions,
} from '../../shared/config/options.ts';
import { redactUrl, redactUrlsInText } from '../../shared/config/redact.ts';
import { selectArgs } from '../../shared/config/select-args.ts';

const specs = {
  url: option({
    flag: 'url',
    env: ['DATABASE_URL'],
    schema: z.string().optional(),
    secret: 'url',
    description: 'the database',
  }),
  maxRows: option({
    flag: 'max-rows',
    env: ['CONDUIT_MAX_ROWS'],
    schema: z.coerce.number().int().min(1, 'expected a whole number of at least 1'),
    default: 1000,
    description: 'rows returned at most',
  }),
  allowWrite: option({
    flag: 'allow-write',
    env: ['CONDUIT_ALLOW_WRITE'],
    schema: z.boolean(),
    default: false,
    boolean: true,
    description: 'writes',
  }),
  token: option({
    flag: 'token',
    env: ['TOKEN'],
    schema: z.string().optional(),
    secret: true,
    description: 'a token',
  }),
};

describe('option parsing', () => {
  it('prefers a flag to the environment', () => {
    const parsed = parseOptions(specs, ['--max-rows', '5'], { CONDUIT_MAX_ROWS: '9' });
    expect(parsed.values.maxRows).toBe(5);
    expect(parsed.sources.maxRows).toEqual({ source: 'flag', name: '--max-rows' });
  });

  it('prefers the environment to the default', () => {
    const parsed = parseOptions(specs, [], { CONDUIT_MAX_ROWS: '9', CONDUIT_ALLOW_WRITE: 'yes' });
    expect(parsed.values.maxRows).toBe(9);
    expect(parsed.values.allowWrite).toBe(true);
    expect(parsed.sources.maxRows).toEqual({ source: 'env', name: 'CONDUIT_MAX_ROWS' });
  });

  it('falls back to the default', () => {
    const parsed = parseOptions(specs, [], {});
    expect(parsed.values.maxRows).toBe(1000);
    expect(parsed.values.allowWrite).toBe(false);
    expect(parsed.sources.maxRows.source).toBe('default');
  });

  it('names flag, value and rule of an invalid value', () => {
    expect(() => parseOptions(specs, ['--max-rows', '0'], {})).toThrow(ConfigError);
    expect(() => parseOptions(specs, ['--max-rows', '0'], {})).toThrow(
      /--max-rows: "0"\. expected a whole number of at least 1/,
    );
  });

  it('names the variable of an invalid environment value', () => {
    expect(() => parseOptions(specs, [], { CONDUIT_ALLOW_WRITE: 'maybe' })).toThrow(
      /CONDUIT_ALLOW_WRITE: "maybe"/,
    );
  });

  it('rejects an unknown flag', () => {
    expect(() => parseOptions(specs, ['--max-row', '3'], {})).toThrow(/--max-row.*--help/);
  });

  it('redacts secrets in the settings it logs', () => {
    const parsed = parseOptions(specs, ['--token', 's3cr3t-token'], {
      DATABASE_URL: 'postgres://app:p%40ss@db:5432/shop?sslmode=require',
    });
    const settings = describeSettings(specs, parsed);
    expect(settings['token']).toEqual({ value: '[redacted]', source: 'flag --token' });
    expect(settings['url']?.value).toBe('postgres://app:***@db:5432/shop?sslmode=require');
    expect(JSON.stringify(settings)).not.toContain('p%40ss');
  });
});

describe('secret redaction', () => {
  it('hides URL passwords and key parameters', () => {
    expect(redactUrl('mysql://root:pw@localhost/test')).toBe('mysql://root:***@localhost/test');
    expect(redactUrl('https://api.example.com/v1?key=abc&q=1')).toBe(
      'https://api.example.com/v1?key=***&q=1',
    );
  });

  it('hides URL passwords inside free text', () => {
    expect(redactUrlsInText('connect postgres://u:secret@h:5432/db failed')).toBe(
      'connect postgres://u:***@h:5432/db failed',
    );
  });
});

describe('argument selection for several servers', () => {
  const all = {
    ...specs,
    port: option({ flag: 'port', schema: z.string(), description: 'a port' }),
  };
  const mine = { maxRows: specs.maxRows, allowWrite: specs.allowWrite };

  it('keeps only the flags of one server', () => {
    const argv = ['--port', '3000', '--max-rows', '5', '--allow-write', '--token=abc'];
    expect(selectArgs(argv, mine, all)).toEqual(['--max-rows', '5', '--allow-write']);
  });

  it('keeps inline values and skips foreign values', () => {
    const argv = ['--url', '--max-rows', '--max-rows=7'];
    expect(selectArgs(argv, mine, all)).toEqual(['--max-rows=7']);
  });
});
