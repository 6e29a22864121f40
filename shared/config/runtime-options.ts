import { z } from 'zod';
import { LOG_LEVELS } from '../logging.ts';
import { option } from './options.ts';

const port = z.coerce
  .number({ message: 'expected a port number' })
  .int('expected a whole number')
  .min(0, 'expected 0 to 65535 (0 picks a free port)')
  .max(65535, 'expected 0 to 65535 (0 picks a free port)');

/** Options every server command accepts: how it is reached and how it logs. */
export const runtimeOptions = {
  transport: option({
    flag: 'transport',
    env: ['CONDUIT_TRANSPORT'],
    schema: z.enum(['stdio', 'http'], { message: 'expected stdio or http' }),
    default: 'stdio',
    valueName: 'stdio|http',
    description:
      'how clients connect: stdio for hosts that launch the server, http to listen on a port',
  }),
  host: option({
    flag: 'host',
    env: ['CONDUIT_HOST'],
    schema: z.string().min(1, 'expected a host name or address'),
    default: '127.0.0.1',
    valueName: 'ADDR',
    description:
      'address the HTTP transport binds to; any non-loopback address requires --auth-token',
  }),
  port: option({
    flag: 'port',
    env: ['CONDUIT_PORT'],
    schema: port,
    default: 3000,
    valueName: 'PORT',
    description: 'TCP port of the HTTP transport',
  }),
  authToken: option({
    flag: 'auth-token',
    env: ['CONDUIT_AUTH_TOKEN'],
    schema: z.string().min(16, 'expected at least 16 characters').optional(),
    secret: true,
    valueName: 'TOKEN',
    description: 'bearer token HTTP clients must send (Authorization: Bearer TOKEN)',
  }),
  allowedOrigins: option({
    flag: 'allowed-origins',
    env: ['CONDUIT_ALLOWED_ORIGINS'],
    schema: z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .optional(),
    valueName: 'LIST',
    description:
      'comma-separated browser origins allowed besides localhost, e.g. https://app.example.com',
  }),
  allowedHosts: option({
    flag: 'allowed-hosts',
    env: ['CONDUIT_ALLOWED_HOSTS'],
    schema: z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((item) => item.trim().toLowerCase())
          .filter(Boolean),
      )
      .optional(),
    valueName: 'LIST',
    description:
      'comma-separated Host header names accepted besides localhost and the bind address',
  }),
  maxBodyBytes: option({
    flag: 'max-body-bytes',
    env: ['CONDUIT_MAX_BODY_BYTES'],
    schema: z.coerce
      .number()
      .int()
      .min(1024, 'expected at least 1024')
      .max(64 * 1024 * 1024, 'expected at most 67108864'),
    default: 1024 * 1024,
    valueName: 'N',
    description: 'largest HTTP request body accepted, in bytes',
  }),
  logLevel: option({
    flag: 'log-level',
    env: ['CONDUIT_LOG_LEVEL', 'LOG_LEVEL'],
    schema: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }),
    default: 'info',
    valueName: 'LEVEL',
    description: 'minimum severity of log lines written to stderr',
  }),
};

export type RuntimeOptionSpecs = typeof runtimeOptions;
