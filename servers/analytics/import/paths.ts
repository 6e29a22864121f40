import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '../../../shared/errors.ts';

/** Resolves the folders given by --data-dir; missing ones are dropped with a warning by the caller. */
export async function resolveDataDirs(
  list: string | undefined,
): Promise<{ dirs: string[]; missing: string[] }> {
  const dirs: string[] = [];
  const missing: string[] = [];
  for (const entry of (list ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    try {
      dirs.push(await realpath(path.resolve(entry)));
    } catch {
      missing.push(entry);
    }
  }
  return { dirs, missing };
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Resolves a path given to import_file, links followed, and checks that it is
 * a regular file inside an allowed folder and within the size limit.
 */
export async function checkImportPath(
  requested: string,
  dataDirs: readonly string[],
  maxBytes: number,
): Promise<{ file: string; size: number }> {
  if (dataDirs.length === 0) {
    throw new ToolError(
      'PERMISSION_DENIED',
      'File import is disabled: no data folder is configured.',
      {
        hint: 'Restart the server with --data-dir FOLDER (or CONDUIT_DATA_DIRS) naming the folders to import from.',
      },
    );
  }
  const candidate = path.isAbsolute(requested)
    ? requested
    : path.resolve(dataDirs[0] ?? '', requested);
  let file: string;
  try {
    file = await realpath(candidate);
  } catch {
    throw new ToolError('NOT_FOUND', `File "${requested}" was not found.`, {
      hint: `Give a path inside ${dataDirs.join(', ')}; relative paths start in ${dataDirs[0]}.`,
    });
  }
  if (!dataDirs.some((folder) => isInside(folder, file))) {
    throw new ToolError(
      'PERMISSION_DENIED',
      `File "${requested}" is outside the folders imports may read.`,
      {
        hint: `Move or copy it into one of: ${dataDirs.join(', ')}.`,
      },
    );
  }
  const info = await stat(file);
  if (!info.isFile()) {
    throw new ToolError('INVALID_ARGUMENT', `"${requested}" is not a regular file.`, {
      hint: 'Give the path of a CSV, TSV, JSON or NDJSON file.',
    });
  }
  if (info.size > maxBytes) {
    throw new ToolError(
      'TOO_LARGE',
      `File "${requested}" has ${info.size} bytes; the import limit is ${maxBytes}.`,
      {
        hint: 'Import a smaller file, or restart the server with a larger --max-import-bytes.',
        details: { size: info.size, limit: maxBytes },
      },
    );
  }
  return { file, size: info.size };
}
