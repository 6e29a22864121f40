const PLAIN = /^[\w@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell; plain words stay as they are. */
export function quoteShellArgument(argument: string): string {
  if (PLAIN.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}

export function shellLine(words: readonly string[]): string {
  return words.map(quoteShellArgument).join(' ');
}
