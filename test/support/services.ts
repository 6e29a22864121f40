import net from 'node:net';

/** The real services the integration suites use, and how a user points the tests at theirs. */
export const SERVICES = {
  postgres: {
    variable: 'CONDUIT_TEST_POSTGRES_URL',
    fallback: 'postgres://postgres@127.0.0.1:5432/test',
  },
  mysql: { variable: 'CONDUIT_TEST_MYSQL_URL', fallback: 'mysql://root@127.0.0.1:3306/test' },
  redis: { variable: 'CONDUIT_TEST_REDIS_URL', fallback: 'redis://127.0.0.1:6379' },
} as const;

export type ServiceName = keyof typeof SERVICES;

export interface ServiceStatus {
  url: string;
  available: boolean;
  /** Why the suite is skipped, naming the variable to set; empty when available. */
  reason: string;
}

function canConnect(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Finds a service for an integration suite. Without it the suite is skipped
 * on a user's machine, but under CI (CI=true) a missing service throws, so a
 * run can never pass by skipping what it was meant to test.
 */
export async function findService(name: ServiceName): Promise<ServiceStatus> {
  const { variable, fallback } = SERVICES[name];
  const url = process.env[variable] ?? fallback;
  const parsed = new URL(url);
  const defaultPort = { postgres: 5432, mysql: 3306, redis: 6379 }[name];
  const available = await canConnect(parsed.hostname, Number(parsed.port || defaultPort));

  if (!available && process.env.CI === 'true') {
    throw new Error(
      `${name} is not reachable at ${parsed.host}; CI needs it. Start it or set ${variable}.`,
    );
  }
  const reason = available
    ? ''
    : `${name} is not reachable at ${parsed.host}; set ${variable} to a ${name} URL to run these tests.`;
  if (!available) process.stderr.write(`skipping ${name} tests: ${reason}\n`);
  return { url, available, reason };
}
