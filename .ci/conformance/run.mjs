// Runs the official MCP conformance suite against every server that
// `conduit serve` hosts, and prints one `N passed, M failed, K skipped` line.
//
// A scenario counts as skipped when it cannot apply: it is in baseline.yml
// (it needs the suite's own fixture tools), or it exercises a capability the
// server does not declare in its initialize result (resources, prompts).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runnerDir = dirname(fileURLToPath(import.meta.url));
const root = join(runnerDir, '..', '..');
const node22 = join(runnerDir, 'node_modules', '.bin', 'node');
const suite = join(
  runnerDir,
  'node_modules',
  '@modelcontextprotocol',
  'conformance',
  'dist',
  'index.js',
);

const CAPABILITY_SCENARIOS = {
  resources: ['resources-list'],
  prompts: ['prompts-list'],
  logging: ['logging-set-level'],
};

function baselineScenarios() {
  return readFileSync(join(runnerDir, 'baseline.yml'), 'utf8')
    .split('\n')
    .map((line) => /^\s+-\s+(\S+)/.exec(line)?.[1])
    .filter(Boolean);
}

function startServe() {
  const child = spawn(
    process.execPath,
    [join(root, 'dist', 'conduit.js'), 'serve', '--port', '0'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, CONDUIT_LOG_LEVEL: 'info' },
    },
  );
  let log = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`conduit serve did not start:\n${log}`)),
      30_000,
    );
    child.stderr.on('data', () => {
      const match = /"health":"(http:\/\/[^"]+)\/healthz"/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`conduit serve exited with ${code}:\n${log}`)));
  });
  return { child, ready, log: () => log };
}

async function declaredCapabilities(url) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'ci', version: '1' },
      },
    }),
  });
  const text = await response.text();
  const json = text.startsWith('{') ? JSON.parse(text) : JSON.parse(/^data: (.*)$/m.exec(text)[1]);
  return json.result.capabilities ?? {};
}

function runSuite(url, notApplicable) {
  const work = mkdtempSync(join(tmpdir(), 'conduit-conformance-'));
  const baseline = join(work, 'baseline.yml');
  writeFileSync(baseline, `server:\n${notApplicable.map((name) => `  - ${name}`).join('\n')}\n`);
  const output = join(work, 'results');
  const result = spawnSync(
    node22,
    [suite, 'server', '--url', url, '--expected-failures', baseline, '-o', output],
    {
      encoding: 'utf8',
      timeout: 10 * 60_000,
    },
  );

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  for (const folder of readdirSync(output)) {
    const scenario = folder.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T.*$/, '');
    const checks = JSON.parse(readFileSync(join(output, folder, 'checks.json'), 'utf8'));
    if (notApplicable.includes(scenario)) {
      skipped += 1;
      continue;
    }
    for (const check of checks) {
      if (check.status === 'SUCCESS') passed += 1;
      else if (check.status === 'FAILURE') {
        failed += 1;
        failures.push(
          `${scenario}: ${check.name}: ${check.errorMessage ?? check.description ?? ''}`,
        );
      }
    }
  }
  return {
    passed,
    failed,
    skipped,
    failures,
    exitCode: result.status,
    output: result.stdout + result.stderr,
  };
}

const serve = startServe();
let total = { passed: 0, failed: 0, skipped: 0 };
try {
  const base = await serve.ready;
  const health = await (await fetch(`${base}/healthz`)).json();
  const fixtureScenarios = baselineScenarios();

  for (const name of health.servers) {
    const url = `${base}/${name}/mcp`;
    const capabilities = await declaredCapabilities(url);
    const missing = Object.entries(CAPABILITY_SCENARIOS)
      .filter(([capability]) => capabilities[capability] === undefined)
      .flatMap(([, scenarios]) => scenarios);
    const result = runSuite(url, [...fixtureScenarios, ...missing]);

    process.stdout.write(
      `conformance ${name}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} not applicable` +
        (missing.length ? ` (no ${missing.join(', ')})` : '') +
        '\n',
    );
    for (const failure of result.failures) process.stdout.write(`  FAILED ${failure}\n`);
    if (result.failed > 0) process.stdout.write(result.output + '\n');
    total = {
      passed: total.passed + result.passed,
      failed: total.failed + result.failed,
      skipped: total.skipped + result.skipped,
    };
  }
} catch (error) {
  process.stdout.write(`conformance run failed: ${error.message}\n${serve.log()}\n`);
  total.failed += 1;
} finally {
  serve.child.kill('SIGTERM');
}

writeFileSync(join(root, '.ci-results', 'conformance.json'), JSON.stringify(total));
process.stdout.write(
  `conformance: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
);
process.exitCode = total.failed > 0 ? 1 : 0;
