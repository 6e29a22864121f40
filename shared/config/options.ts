import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { redactUrl } from './redact.ts';

/** One setting a command accepts, from a flag, an environment variable or its default. */
export interface OptionSpec<S extends z.ZodType = z.ZodType> {
  /** Flag name without dashes: `max-rows` for `--max-rows`. */
  flag: string;
  /** Environment variables read when the flag is absent, first one set wins. */
  env?: readonly string[];
  schema: S;
  /** Used when neither the flag nor a variable is set; leave out for "unset". */
  default?: z.input<S>;
  /** A flag that takes no value (`--allow-write`). */
  boolean?: boolean;
  /** Logged as `[redacted]`. A URL is logged with its password hidden instead. */
  secret?: boolean | 'url';
  /** Placeholder in help text, such as `N` or `URL`. */
  valueName?: string;
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export type OptionValues<T extends OptionSpecs> = {
  [K in keyof T]: z.output<T[K]['schema']>;
};

export type OptionSource = 'flag' | 'env' | 'default' | 'unset';

export interface ParsedOptions<T extends OptionSpecs> {
  values: OptionValues<T>;
  sources: { [K in keyof T]: { source: OptionSource; name?: string } };
  /** Words after the options, such as a subcommand's own arguments. */
  positionals: string[];
}

/** A setting that cannot be used; the message names the flag, the value and what is allowed. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function option<S extends z.ZodType>(spec: OptionSpec<S>): OptionSpec<S> {
  return spec;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off', '']);

function booleanFromEnv(name: string, text: string): boolean {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new ConfigError(
    `Invalid value for ${name}: "${text}". Use one of: true, false, 1, 0, yes, no.`,
  );
}

function describeIssue(error: z.ZodError): string {
  const messages = error.issues.map((issue) =>
    // z.coerce.number() reports text such as "1kb" as "received NaN".
    issue.code === 'invalid_type' && issue.expected === 'number'
      ? 'expected a number'
      : issue.message,
  );
  return [...new Set(messages)].join('; ');
}

/** Rewrites node:util's parse errors, which suggest a "--" separator that no command here takes. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `Unknown option "${option}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
    return `Option "${option}" needs a value`;
  return message.replace(/\.$/, '');
}

/**
 * Reads every option once: a flag beats an environment variable, which beats
 * the default. Each value is validated with its zod schema; an invalid one
 * throws a ConfigError that names where it came from.
 */
export function parseOptions<T extends OptionSpecs>(
  specs: T,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ParsedOptions<T> {
  const parseSpec: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const spec of Object.values(specs)) {
    parseSpec[spec.flag] = { type: spec.boolean ? 'boolean' : 'string' };
  }

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: parseSpec,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new ConfigError(
      `${describeParseError(error)}. Run with --help to see the accepted options.`,
    );
  }

  const values: Record<string, unknown> = {};
  const sources: Record<string, { source: OptionSource; name?: string }> = {};

  for (const [key, spec] of Object.entries(specs)) {
    const flagValue = parsed.values[spec.flag];
    let raw: unknown;
    let source: OptionSource = 'unset';
    let name: string | undefined;

    if (flagValue !== undefined) {
      raw = flagValue;
      source = 'flag';
      name = `--${spec.flag}`;
    } else {
      const envName = spec.env?.find((candidate) => env[candidate] !== undefined);
      if (envName !== undefined) {
        const text = env[envName] ?? '';
        raw = spec.boolean ? booleanFromEnv(envName, text) : text;
        source = 'env';
        name = envName;
      } else if (spec.default !== undefined) {
        raw = spec.default;
        source = 'default';
      }
    }

    const result = spec.schema.safeParse(raw);
    if (!result.success) {
      const displayed = spec.secret === true ? '[redacted]' : `"${redactUrl(String(raw))}"`;
      const origin = name ?? `--${spec.flag}`;
      throw new ConfigError(
        `Invalid value for ${origin}: ${displayed}. ${describeIssue(result.error)}. ` +
          `--${spec.flag} sets ${spec.description}.`,
      );
    }

    values[key] = result.data;
    sources[key] = name === undefined ? { source } : { source, name };
  }

  return {
    values: values as OptionValues<T>,
    sources: sources as ParsedOptions<T>['sources'],
    positionals: parsed.positionals,
  };
}

/** Lists each effective setting with its source, secrets hidden, ready to log. */
export function describeSettings<T extends OptionSpecs>(
  specs: T,
  parsed: ParsedOptions<T>,
): Record<string, { value: unknown; source: string }> {
  const settings: Record<string, { value: unknown; source: string }> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const value: unknown = parsed.values[key];
    const origin = parsed.sources[key];
    let displayed = value;
    if (value !== undefined && spec.secret === true) displayed = '[redacted]';
    if (typeof value === 'string' && spec.secret === 'url') displayed = redactUrl(value);
    const source = origin?.name ? `${origin.source} ${origin.name}` : (origin?.source ?? 'unset');
    settings[spec.flag] = { value: displayed, source };
  }
  return settings;
}

/** Help lines for a set of options. */
export function formatOptionHelp(specs: OptionSpecs): string {
  const rows = Object.values(specs).map((spec) => {
    const left = spec.boolean ? `--${spec.flag}` : `--${spec.flag} ${spec.valueName ?? 'VALUE'}`;
    const extras: string[] = [];
    if (spec.env?.length) extras.push(`env ${spec.env.join(', ')}`);
    if (spec.default !== undefined && !spec.boolean) extras.push(`default ${String(spec.default)}`);
    const suffix = extras.length ? ` (${extras.join('; ')})` : '';
    return [left, `${spec.description}${suffix}`] as const;
  });
  const width = Math.min(32, Math.max(...rows.map(([left]) => left.length)) + 2);
  return rows
    .map(
      ([left, right]) =>
        `  ${left.padEnd(width)}${left.length >= width ? '\n' + ' '.repeat(width + 2) : ''}${right}`,
    )
    .join('\n');
}
