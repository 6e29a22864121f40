import { describe, expect, it } from 'vitest';
import { formatNumber, pageMarkdown, sectionMarkdown } from '../../bench/report.ts';
import type { BenchSection } from '../../bench/types.ts';

const section: BenchSection = {
  title: 'Start-up',
  command: 'npm run bench -- startup',
  figures: [
    {
      name: 'conduit --version',
      value: 150,
      unit: 'ms',
      baseline: { name: 'node -e 0', value: 60 },
    },
    { name: 'rows per second', value: 12_500, unit: 'rows/s' },
  ],
  notes: ['Median of 11 runs.'],
};

describe('benchmark report', () => {
  it('divides a figure by its baseline', () => {
    const markdown = sectionMarkdown(section, 12);

    expect(markdown).toContain('| conduit --version | 150 ms | node -e 0: 60 ms | 2.50× |');
  });

  it('leaves the ratio empty without a baseline', () => {
    const markdown = sectionMarkdown(section, 12);

    expect(markdown).toContain('| rows per second | 12500 rows/s |  |  |  |');
  });

  it('names the command and notes', () => {
    const markdown = sectionMarkdown(section, 12);

    expect(markdown).toContain('Run alone: `npm run bench -- startup` (this run took 12 s).');
    expect(markdown).toContain('- Median of 11 runs.');
  });

  it('escapes pipes in cells', () => {
    const piped: BenchSection = { ...section, figures: [{ name: 'a | b', value: 1, unit: 'ms' }] };

    expect(sectionMarkdown(piped, 1)).toContain('| a \\| b |');
  });

  it('formats numbers by size', () => {
    expect(formatNumber(40)).toBe('40');
    expect(formatNumber(1234.5)).toBe('1235');
    expect(formatNumber(12.345)).toBe('12.35');
    expect(formatNumber(0.01234)).toBe('0.0123');
    expect(formatNumber(Number.NaN)).toBe('n/a');
  });

  it('shows a failed benchmark with its error', () => {
    const page = pageMarkdown(
      [
        { file: 'startup.ts', section, seconds: 12 },
        { file: 'query.ts', error: 'Error: connection refused', seconds: 1 },
      ],
      [0.5, 0.4, 0.3],
    );

    expect(page).toContain('## Start-up');
    expect(page).toContain('## query.ts failed');
    expect(page).toContain('Error: connection refused');
    expect(page).toContain('| load average at start (1, 5, 15 min) | 0.50, 0.40, 0.30 |');
    expect(page).toMatch(/\| Node\.js \| v\d+/);
  });
});
