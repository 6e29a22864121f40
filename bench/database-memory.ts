// Child process of bench/database.ts: prints its peak RSS after one read,
// so the figure is not mixed with the benchmark runner's own memory.
import { silentLogger } from '../shared/logging.ts';
import { parseConnection, SqlEngine } from '../shared/sql/index.ts';

const [url, sql] = process.argv.slice(2);
if (!url || !sql) throw new Error('usage: database-memory.ts URL SQL');

const engine = new SqlEngine(parseConnection({ url }), { logger: silentLogger() });
const result = await engine.readQuery(sql, [], {
  maxRows: 1000,
  maxBytes: 1024 * 1024,
  timeoutMs: 120_000,
});
await engine.close();

// maxRSS is in kilobytes.
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ peakMiB, rowCount: result.rowCount, truncated: result.truncated }));
