import { readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchSection } from './types.ts';

// Runs every benchmark in bench/ one after another and writes
// docs/benchmarks.md. Names given on the command line (npm run bench --
// startup) run only those, and print to stdout without writing the page.

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const OUTPUT = path.join(BENCH_DIR, '..', 'docs', 'benchmarks.md');
const NOT_BENCHMARKS = new Set(['run.ts', 'types.ts']);
// Other work on the machine slows every figure; the page records how busy it was.
const LOAD_AT_START = os.loadavg();

interface Outcome {
  file: string;
  section?: BenchSection;
  error?: string;
  seconds: number;
}

async function benchmarkFiles(): Promise<string[]> {
  const entries = await readdir(BENCH_DIR, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => entry.name)
    .filter((name) => !NOT_BENCHMARKS.has(name))
    .sort();
}

async function runOne(file: string): Promise<Outcome> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  try {
    const module = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as {
      default?: unknown;
    };
    if (typeof module.default !== 'function') {
      // Helper modules share the folder with the benchmarks.
      console.error(`skipping ${file}: it has no default export`);
      return { file, seconds: seconds() };
    }
    const section = await (module.default as Benchmark)();
    return { file, section, seconds: seconds() };
  } catch (error) {
    return { file, error: (error as Error).stack ?? String(error), seconds: seconds() };
  }
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

function sectionMarkdown(section: BenchSection, seconds: number): string {
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

function machineMarkdown(): string {
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
    `| load average at start (1, 5, 15 min) | ${LOAD_AT_START.map((load) => load.toFixed(2)).join(', ')} |`,
    `| date | ${new Date().toISOString()} |`,
  ].join('\n');
}

function pageMarkdown(outcomes: readonly Outcome[]): string {
  const parts = [
    '# Benchmarks',
    '',
    'Written by `npm run bench`, which builds the bundle and runs every file in `bench/`.',
    'Each ratio divides a figure by its baseline, both measured in the same run on the machine',
    'below; the absolute values hold for this machine only.',
    '',
    machineMarkdown(),
  ];
  for (const outcome of outcomes) {
    if (outcome.section) parts.push('', sectionMarkdown(outcome.section, outcome.seconds));
    if (outcome.error) {
      parts.push('', `## ${outcome.file} failed`, '', '```text', outcome.error, '```');
    }
  }
  return `${parts.join('\n')}\n`;
}

const requested = process.argv.slice(2);
const files = (await benchmarkFiles()).filter(
  (file) => requested.length === 0 || requested.includes(path.basename(file, '.ts')),
);
if (files.length === 0) {
  console.error(`No benchmark matches ${requested.join(', ')}.`);
  process.exit(2);
}

const outcomes: Outcome[] = [];
for (const file of files) {
  console.error(`running ${file}...`);
  const outcome = await runOne(file);
  if (outcome.error) console.error(`${file} failed:\n${outcome.error}`);
  outcomes.push(outcome);
}

const page = pageMarkdown(outcomes);
if (requested.length === 0) {
  await writeFile(OUTPUT, page);
  console.error(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
} else {
  console.log(page);
}
process.exitCode = outcomes.some((outcome) => outcome.error) ? 1 : 0;
