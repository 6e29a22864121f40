import { spawn } from 'node:child_process';
import { assertBuilt, CLI_PATH } from '../../support/cli.ts';

/** Variables that could point the client at a real model provider. */
const MODEL_VARIABLE = /(_API_KEY|_BASE_URL)$|^(CONDUIT_MODEL|OLLAMA_HOST|CONDUIT_CONFIG)$/;

/** This process's environment without any model setting, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!MODEL_VARIABLE.test(name)) env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `conduit` with piped stdin and waits for it to exit. */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: options.env ?? cleanEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`conduit ${args.join(' ')} did not exit in time.\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
