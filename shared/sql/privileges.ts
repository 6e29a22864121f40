import type { Knex } from 'knex';
import type { Logger } from '../logging.ts';
import type { Dialect } from './connection.ts';

const POSTGRES_CHECK = `SELECT (current_setting('is_superuser') = 'on'
  OR pg_has_role('pg_read_server_files', 'MEMBER')
  OR pg_has_role('pg_execute_server_program', 'MEMBER')) AS risky`;

const MYSQL_CHECK = `SELECT COUNT(*) AS risky FROM information_schema.USER_PRIVILEGES
  WHERE PRIVILEGE_TYPE = 'FILE' AND GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1),
  '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')`;

/**
 * Logs a warning when the database user may read server files (a PostgreSQL
 * superuser or member of pg_read_server_files, a MySQL user with FILE).
 * Read-only transactions do not stop those functions; the engine layer
 * rejects them by name, and a user without the privilege is the real guarantee.
 */
export async function warnAboutFilePrivileges(
  dialect: Dialect,
  knex: Knex,
  logger: Logger,
): Promise<void> {
  if (dialect === 'sqlite') return;
  try {
    let risky: boolean;
    if (dialect === 'postgres') {
      const result = (await knex.raw(POSTGRES_CHECK)) as { rows: { risky: boolean }[] };
      risky = result.rows[0]?.risky === true;
    } else {
      const [rows] = (await knex.raw(MYSQL_CHECK)) as [{ risky: number }[]];
      risky = Number(rows[0]?.risky) > 0;
    }
    if (risky) {
      logger.warn(
        'the database user can read files on the database server (superuser, ' +
          'pg_read_server_files or FILE); known file functions are rejected by name, ' +
          'but connect as a user without that privilege for a hard guarantee',
      );
    }
  } catch (error) {
    logger.debug({ err: error }, 'checking file privileges failed');
  }
}
