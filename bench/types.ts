/** One measured figure; with a baseline it is reported as a ratio measured in the same run. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  note?: string;
}

/** Report of one benchmark file. bench/run.ts writes them all to docs/benchmarks.md. */
export interface BenchSection {
  title: string;
  /** How to run this benchmark alone. */
  command: string;
  figures: BenchFigure[];
  notes?: string[];
}

export type Benchmark = () => Promise<BenchSection>;
