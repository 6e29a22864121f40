import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { servers } from '../cli/registry.ts';
import { median, timeUntilExit, timeUntilToolsList } from './process-timing.ts';
import type { BenchFigure, BenchSection } from './types.ts';

const CLI = fileURLToPath(new URL('../dist/conduit.js', import.meta.url));
const WARMUP_RUNS = 2;
const MEASURED_RUNS = 11;

interface Subject {
  name: string;
  measure: () => Promise<number>;
}

/**
 * Runs every subject once per round, so drift in the machine's load hits all
 * of them alike, and returns the median of each.
 */
async function medians(subjects: readonly Subject[]): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(subjects.map((subject) => [subject.name, []]));
  for (let round = 0; round < WARMUP_RUNS + MEASURED_RUNS; round++) {
    for (const subject of subjects) {
      const elapsed = await subject.measure();
      if (round >= WARMUP_RUNS) samples.get(subject.name)?.push(elapsed);
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

export default async function startup(): Promise<BenchSection> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run "npm run build" first.`);
  const node = process.execPath;
  const serverNames = Object.keys(servers);

  const subjects: Subject[] = [
    { name: 'node -e 0', measure: () => timeUntilExit(node, ['-e', '0']) },
    { name: 'conduit --version', measure: () => timeUntilExit(node, [CLI, '--version']) },
    ...serverNames.map((name) => ({
      name: `conduit ${name}: first tools/list response`,
      measure: () => timeUntilToolsList(node, [CLI, name]),
    })),
  ];
  const results = await medians(subjects);
  const bare = results.get('node -e 0') ?? Number.NaN;

  const figures: BenchFigure[] = subjects.slice(1).map((subject) => ({
    name: subject.name,
    value: results.get(subject.name) ?? Number.NaN,
    unit: 'ms',
    baseline: { name: 'node -e 0', value: bare },
  }));

  const notes = [
    `Median of ${MEASURED_RUNS} runs after ${WARMUP_RUNS} warm-up runs, each subject once per round.`,
    'A tools/list time runs from spawning the server to its response, after initialize and the initialized notification over stdio.',
  ];
  if (serverNames.length === 0) notes.push('No server is registered, so only the CLI was timed.');

  return { title: 'Start-up', command: 'npm run bench -- startup', figures, notes };
}
