import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pageMarkdown, type Outcome } from './report.ts';
import type { Benchmark } from './types.ts';

// Runs every benchmark in bench/ one after another and writes
// docs/benchmarks.md. Names given on the command line (npm run bench --
// startup) run only those, and print to stdout without writing the page.

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const OUTPUT = path.join(BENCH_DIR, '..', 'docs', 'benchmarks.md');
const NOT_BENCHMARKS = new Set(['run.ts', 'types.ts']);
// Other work on the machine slows every figure; the page records how busy it was.
const LOAD_AT_START = os.loadavg();

/**
 * Lists the benchmark files: bench/*.ts files whose source has a default
 * export. Helpers in the same folder (child-process scripts, shared timing
 * code) are never imported, because importing a script runs it.
 */
async function benchmarkFiles(): Promise<string[]> {
  const entries = await readdir(BENCH_DIR, { withFileTypes: true });
  const candidates = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => entry.name)
    .filter((name) => !NOT_BENCHMARKS.has(name))
    .sort();

  const files: string[] = [];
  for (const name of candidates) {
    const source = await readFile(path.join(BENCH_DIR, name), 'utf8');
    if (/^export default /m.test(source)) files.push(name);
  }
  return files;
}

async function runOne(file: string): Promise<Outcome> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  try {
    const module = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as {
      default?: unknown;
    };
    if (typeof module.default !== 'function') {
      throw new Error(`${file} has a default export that is not a function`);
    }
    const section = await (module.default as Benchmark)();
    return { file, section, seconds: seconds() };
  } catch (error) {
    return { file, error: (error as Error).stack ?? String(error), seconds: seconds() };
  }
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

const page = pageMarkdown(outcomes, LOAD_AT_START);
if (requested.length === 0) {
  await writeFile(OUTPUT, page);
  console.error(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
} else {
  console.log(page);
}
process.exitCode = outcomes.some((outcome) => outcome.error) ? 1 : 0;
