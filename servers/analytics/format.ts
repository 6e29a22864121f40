/** Formats a number for reading: integers in full, others to 6 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const rounded = Number(value.toPrecision(6));
  return String(rounded);
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'number') return formatNumber(value);
  return String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** Renders rows as a Markdown table, cut to `maxRows` with a closing line saying how many were left out. */
export function formatTable(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  maxRows = 30,
): string {
  if (rows.length === 0) return '(no rows)';
  const lines = [`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`];
  for (const row of rows.slice(0, maxRows)) {
    lines.push(`| ${columns.map((column) => formatCell(row[column])).join(' | ')} |`);
  }
  if (rows.length > maxRows)
    lines.push(`… ${rows.length - maxRows} more rows in the structured result`);
  return lines.join('\n');
}
