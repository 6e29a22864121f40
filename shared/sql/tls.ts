import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { ToolError } from '../errors.ts';
import type { NetworkConnection } from './connection.ts';

function readPem(path: string, fileKind: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ToolError('INVALID_ARGUMENT', `Cannot read the ${fileKind} file "${path}".`, {
      hint: 'check the sslrootcert / sslcert / sslkey path and its permissions',
      cause: error,
    });
  }
}

/** libpq reads this file for verify-ca and verify-full when no sslrootcert is given. */
function defaultRootCert(dialect: NetworkConnection['dialect']): string | undefined {
  if (dialect !== 'postgres') return undefined;
  const path = join(homedir(), '.postgresql', 'root.crt');
  return existsSync(path) ? path : undefined;
}

/**
 * Builds Node TLS options with libpq's `sslmode` meaning: `require`
 * encrypts without checking the certificate (unless a root certificate is
 * given, which makes it `verify-ca`, as in libpq), `verify-ca` checks the
 * chain but not the host name, `verify-full` checks both. Returns undefined
 * for a plain connection.
 */
export function tlsOptions(config: NetworkConnection): ConnectionOptions | undefined {
  const { ssl } = config;
  if (ssl.mode === 'disable' || ssl.mode === 'allow' || ssl.mode === 'prefer') return undefined;

  const options: ConnectionOptions = {};
  if (ssl.certPath) options.cert = readPem(ssl.certPath, 'client certificate');
  if (ssl.keyPath) options.key = readPem(ssl.keyPath, 'client key');

  const rootPath =
    ssl.rootCertPath ?? (ssl.mode === 'require' ? undefined : defaultRootCert(config.dialect));
  // NOTE: without a root certificate file, verify-ca and verify-full check
  // against Node's bundled authorities, where libpq would refuse to connect.
  if (rootPath) options.ca = readPem(rootPath, 'root certificate');

  if (ssl.mode === 'require' && !rootPath) {
    options.rejectUnauthorized = false;
    return options;
  }

  options.rejectUnauthorized = true;
  if (ssl.mode !== 'verify-full') options.checkServerIdentity = () => undefined;
  return options;
}
