import type { OptionSpecs } from './options.ts';

/**
 * Keeps the command-line arguments that set one of `specs`' flags, with their
 * values. `all` must contain every flag the command accepts, so that a value
 * is never mistaken for a flag name or the other way round.
 */
export function selectArgs(
  argv: readonly string[],
  specs: OptionSpecs,
  all: OptionSpecs,
): string[] {
  const moduleFlags = new Set(Object.values(specs).map((spec) => spec.flag));
  const takesValue = new Set(
    Object.values(all)
      .filter((spec) => !spec.boolean)
      .map((spec) => spec.flag),
  );

  const selected: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (!argument.startsWith('--')) continue;

    const [name = '', inlineValue] = argument.slice(2).split(/=(.*)/s, 2);
    const separateValue = inlineValue === undefined && takesValue.has(name);
    if (moduleFlags.has(name)) {
      selected.push(argument);
      if (separateValue && index + 1 < argv.length) selected.push(argv[index + 1] ?? '');
    }
    if (separateValue) index += 1;
  }
  return selected;
}
