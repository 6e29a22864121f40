import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Milliseconds from spawning `command ...args` until it exits with code 0. */
export function timeUntilExit(command: string, args: readonly string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`${command} ${args.join(' ')} exited with code ${code}`));
    });
  });
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'conduit-bench', version: '1.0.0' },
  },
};

/**
 * Milliseconds from spawning a stdio MCP server until its response to
 * `tools/list` arrives, the way a host starts a server: initialize, then the
 * initialized notification, then the list.
 */
export function timeUntilToolsList(
  command: string,
  args: readonly string[],
  timeoutMs = 20_000,
): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
  let buffered = '';

  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not list its tools in ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with code ${code} before listing its tools`));
    });

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const message = JSON.parse(buffered.slice(0, newline)) as { id?: number };
        buffered = buffered.slice(newline + 1);
        if (message.id === 1) {
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
        }
        if (message.id === 2) {
          const elapsed = performance.now() - started;
          clearTimeout(timer);
          child.removeAllListeners('exit');
          child.once('exit', () => resolve(elapsed));
          child.stdin.end();
          child.kill('SIGTERM');
          return;
        }
        newline = buffered.indexOf('\n');
      }
    });
    send(INITIALIZE);
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
