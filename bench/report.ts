import os from 'node:os';
import type { BenchSection } from './types.ts';

/** Result of running one benchmark file: its section, or the error it threw. */
export interface Outcome {
  file: string;
  section?: BenchSection;
  error?: string;
  seconds: number;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

export function sectionMarkdown(section: BenchSection, seconds: number): string {
  const rows = section.figures.map((figure) => {
    const baseline = figure.baseline;
    const ratio =
      baseline && baseline.value !== 0 ? `${formatNumber(figure.value / baseline.value)}×` : '';
    return [
      figure.name,
      `${formatNumber(figure.value)} ${figure.unit}`,
      baseline ? `${baseline.name}: ${formatNumber(baseline.value)} ${figure.unit}` : '',
      ratio,
      figure.note ?? '',
    ];
  });
  const table = [
    '| figure | value | baseline | ratio | note |',
    '|---|---:|---|---:|---|',
    ...rows.map((cells) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`),
  ];
  return [
    `## ${section.title}`,
    '',
    `Run alone: \`${section.command}\` (this run took ${seconds.toFixed(0)} s).`,
    '',
    ...table,
    '',
    ...(section.notes ?? []).map((note) => `- ${note}`),
  ].join('\n');
}

function machineMarkdown(loadAtStart: readonly number[]): string {
  const cpus = os.cpus();
  const gib = os.totalmem() / 1024 ** 3;
  return [
    '| | |',
    '|---|---|',
    `| CPU | ${cpus[0]?.model.trim() ?? 'unknown'} |`,
    `| cores | ${cpus.length} |`,
    `| memory | ${gib.toFixed(1)} GiB |`,
    `| system | ${os.type()} ${os.release()} (${os.arch()}) |`,
    `| Node.js | ${process.version} |`,
    `| load average at start (1, 5, 15 min) | ${loadAtStart.map((load) => load.toFixed(2)).join(', ')} |`,
    `| date | ${new Date().toISOString()} |`,
  ].join('\n');
}

/** Renders docs/benchmarks.md from the outcome of every benchmark file. */
export function pageMarkdown(outcomes: readonly Outcome[], loadAtStart: readonly number[]): string {
  const parts = [
    '# Benchmarks',
    '',
    'Written by `npm run bench`, which builds the bundle and runs every file in `bench/`.',
    'Each ratio divides a figure by its baseline, both measured in the same run on the machine',
    'below; the absolute values hold for this machine only.',
    '',
    machineMarkdown(loadAtStart),
  ];
  for (const outcome of outcomes) {
    if (outcome.section) parts.push('', sectionMarkdown(outcome.section, outcome.seconds));
    if (outcome.error) {
      parts.push('', `## ${outcome.file} failed`, '', '```text', outcome.error, '```');
    }
  }
  return `${parts.join('\n')}\n`;
}
