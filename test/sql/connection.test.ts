import { describe, expect, it } from 'vitest';
import { describeConnection, parseConnection } from '../../shared/sql/index.ts';
import { tlsOptions } from '../../shared/sql/tls.ts';
import type { NetworkConnection } from '../../shared/sql/index.ts';

function network(url: string, env: Record<string, string> = {}): NetworkConnection {
  const config = parseConnection({ url, env });
  if (config.dialect === 'sqlite') throw new Error('expected a network connection');
  return config;
}

describe('parseConnection URLs', () => {
  it('reads a postgres URL', () => {
    const config = network('postgres://app:secret@db.example:6543/shop?application_name=tool');
    expect(config.dialect).toBe('postgres');
    expect(config.host).toBe('db.example');
    expect(config.port).toBe(6543);
    expect(config.user).toBe('app');
    expect(config.password).toBe('secret');
    expect(config.database).toBe('shop');
    expect(config.params).toEqual({ application_name: 'tool' });
  });

  it('accepts postgresql as the scheme', () => {
    expect(network('postgresql://localhost/db').dialect).toBe('postgres');
  });

  it('decodes percent-encoded passwords', () => {
    const config = network('postgres://app:p%40ss%3Aw%2Frd%25@localhost/db');
    expect(config.password).toBe('p@ss:w/rd%');
  });

  it('rejects a broken percent-encoding', () => {
    expect(() => network('postgres://app:100%zz@localhost/db')).toThrow(/percent-encoding/);
  });

  it('maps mysql and mariadb to mysql', () => {
    expect(network('mysql://root@127.0.0.1/test').dialect).toBe('mysql');
    const maria = network('mariadb://root@127.0.0.1:3307/test');
    expect(maria.dialect).toBe('mysql');
    expect(maria.mariadb).toBe(true);
    expect(maria.port).toBe(3307);
  });

  it('uses default ports', () => {
    expect(network('postgres://localhost/db').port).toBe(5432);
    expect(network('mysql://localhost/db').port).toBe(3306);
  });

  it('reads IPv6 hosts without brackets', () => {
    expect(network('postgres://[::1]:5432/db').host).toBe('::1');
  });

  it('rejects unknown schemes', () => {
    expect(() => parseConnection({ url: 'oracle://x/y' })).toThrow(/Unsupported database URL/);
  });

  it('hides the password in error messages', () => {
    expect(() => parseConnection({ url: 'oracle://u:topsecret@x/y' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('topsecret') }),
    );
  });
});

describe('parseConnection sqlite paths', () => {
  const cases: [string, string][] = [
    ['sqlite:///var/data/shop.db', '/var/data/shop.db'],
    ['sqlite:///C:/Users/ann/shop.db', 'C:/Users/ann/shop.db'],
    ['sqlite:///C:\\Users\\ann\\shop.db', 'C:\\Users\\ann\\shop.db'],
    ['sqlite://C:/data/shop.db', 'C:/data/shop.db'],
    ['sqlite:C:\\data\\shop.db', 'C:\\data\\shop.db'],
    ['sqlite:relative/shop.db', 'relative/shop.db'],
    ['sqlite:///tmp/with%20space.db', '/tmp/with space.db'],
    ['sqlite::memory:', ':memory:'],
    ['file:///tmp/x.sqlite', '/tmp/x.sqlite'],
  ];
  for (const [url, filename] of cases) {
    it(`reads ${url}`, () => {
      expect(parseConnection({ url })).toEqual({ dialect: 'sqlite', filename });
    });
  }

  it('rejects an empty path', () => {
    expect(() => parseConnection({ url: 'sqlite://' })).toThrow(/names no file/);
  });
});

describe('parseConnection variables', () => {
  it('builds a postgres connection from PG variables', () => {
    const config = parseConnection({
      env: {
        PGHOST: 'pg.internal',
        PGPORT: '5433',
        PGUSER: 'reader',
        PGPASSWORD: 'p@ss word/with:symbols',
        PGDATABASE: 'sales',
        PGSSLMODE: 'verify-full',
        PGSSLROOTCERT: '/etc/ssl/root.pem',
      },
    });
    expect(config).toMatchObject({
      dialect: 'postgres',
      host: 'pg.internal',
      port: 5433,
      user: 'reader',
      password: 'p@ss word/with:symbols',
      database: 'sales',
      ssl: { mode: 'verify-full', rootCertPath: '/etc/ssl/root.pem' },
    });
  });

  it('builds a mysql connection from MYSQL variables', () => {
    const config = parseConnection({
      env: { MYSQL_HOST: 'my.internal', MYSQL_PWD: 'x@y', MYSQL_USER: 'me', MYSQL_DATABASE: 'db' },
    });
    expect(config).toMatchObject({ dialect: 'mysql', host: 'my.internal', password: 'x@y' });
  });

  it('fills a URL without password from PGPASSWORD', () => {
    const config = network('postgres://reader@localhost/db', { PGPASSWORD: 'from-env' });
    expect(config.password).toBe('from-env');
  });

  it('falls back to the demo database', () => {
    expect(parseConnection({ env: {}, demoPath: '/data/demo.sqlite' })).toEqual({
      dialect: 'sqlite',
      filename: '/data/demo.sqlite',
      demo: true,
    });
  });

  it('rejects no configuration without a demo path', () => {
    expect(() => parseConnection({ env: {} })).toThrow(/No database is configured/);
  });
});

describe('sslmode', () => {
  it('defaults to prefer, which connects without TLS', () => {
    const config = network('postgres://localhost/db');
    expect(config.ssl.mode).toBe('prefer');
    expect(tlsOptions(config)).toBeUndefined();
  });

  it('disable connects without TLS', () => {
    expect(tlsOptions(network('postgres://localhost/db?sslmode=disable'))).toBeUndefined();
  });

  it('require encrypts without verification', () => {
    const options = tlsOptions(network('postgres://localhost/db?sslmode=require'));
    expect(options?.rejectUnauthorized).toBe(false);
  });

  it('verify-ca checks the chain but not the host name', () => {
    const options = tlsOptions(network('postgres://localhost/db?sslmode=verify-ca'));
    expect(options?.rejectUnauthorized).toBe(true);
    expect(options?.checkServerIdentity?.('other.host', {} as never)).toBeUndefined();
  });

  it('verify-full checks the host name too', () => {
    const options = tlsOptions(network('postgres://localhost/db?sslmode=verify-full'));
    expect(options?.rejectUnauthorized).toBe(true);
    expect(options?.checkServerIdentity).toBeUndefined();
  });

  it('reads the MySQL names', () => {
    expect(network('mysql://localhost/db?ssl-mode=VERIFY_IDENTITY').ssl.mode).toBe('verify-full');
    expect(network('mysql://localhost/db?ssl-mode=REQUIRED').ssl.mode).toBe('require');
  });

  it('rejects unknown modes', () => {
    expect(() => network('postgres://localhost/db?sslmode=sometimes')).toThrow(/Unknown sslmode/);
  });

  it('reports an unreadable root certificate', () => {
    const config = network(
      'postgres://localhost/db?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem',
    );
    expect(() => tlsOptions(config)).toThrow(/Cannot read the root certificate/);
  });
});

describe('describeConnection', () => {
  it('leaves the password out', () => {
    const text = describeConnection(network('postgres://app:secret@db:5432/shop'));
    expect(text).toBe('postgres://app@db:5432/shop');
  });
});
