import type { Engine } from './engine.ts';

/**
 * Returns a placeholder for a number parameter. PostgreSQL types a bare
 * parameter after the column beside it, so it would reject 12.5 next to an
 * integer column. The cast keeps the parameter a double there.
 */
export function numberPlaceholder(engine: Engine): string {
  return engine === 'postgres' ? 'cast(? as double precision)' : '?';
}
