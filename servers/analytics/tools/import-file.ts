import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { defineTool } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { formatTable } from '../format.ts';
import { importFile, tableNameFromFile } from '../import/load.ts';
import { checkImportPath } from '../import/paths.ts';
import { formatFromPath, IMPORT_FORMATS } from '../import/read.ts';

const input = z.object({
  path: z
    .string()
    .min(1)
    .max(4096)
    .describe('File inside a folder allowed by --data-dir; relative paths start in the first one'),
  format: z.enum(IMPORT_FORMATS).optional().describe('Taken from the extension when left out'),
  table: z
    .string()
    .min(1)
    .max(63)
    .optional()
    .describe('Workspace table name; made from the file name when left out'),
  delimiter: z.string().length(1).optional().describe('CSV field separator; a comma by default'),
  header: z.boolean().default(true).describe('Whether the first CSV/TSV line names the columns'),
  replace: z.boolean().default(false).describe('Overwrite a workspace table of the same name'),
});

const output = z.object({
  table: z.string(),
  source: z.literal('workspace'),
  file: z.string(),
  format: z.string(),
  rows: z.number(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
});

export const importFileTool = defineTool<AnalyticsDeps, typeof input, typeof output>({
  name: 'import_file',
  title: 'Import a data file',
  description:
    'Loads a CSV, TSV, JSON (array of objects) or NDJSON file into the embedded workspace as a table, inferring column types (integer, real, boolean, datetime, text). Use the table as a dataset with source "workspace". Only files under the server\'s --data-dir folders can be read.',
  input,
  output,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: false,
  },
  async handler(args, call) {
    const { deps } = call;
    const { file, size } = await checkImportPath(
      args.path,
      deps.dataDirs,
      deps.limits.maxImportBytes,
    );
    const format = args.format ?? formatFromPath(file);
    if (!format) {
      throw new ToolError(
        'INVALID_ARGUMENT',
        `The format of "${args.path}" cannot be told from its extension.`,
        {
          hint: 'Give "format": one of csv, tsv, json, ndjson.',
        },
      );
    }

    const table = args.table ?? tableNameFromFile(file);
    const imported = await importFile(deps.workspace, {
      file,
      size,
      format,
      table,
      header: args.header,
      replace: args.replace,
      signal: call.signal,
      progress: (done, total, message) => call.progress(done, total, message),
      ...(args.delimiter === undefined ? {} : { delimiter: args.delimiter }),
    });
    call.logger.info({ table, file, rows: imported.rows }, 'imported a file into the workspace');

    const text = [
      `Imported ${imported.rows} rows from ${file} into workspace table "${table}".`,
      formatTable(imported.columns, ['name', 'type'], 100),
      `Use it as { "table": "${table}", "source": "workspace" }.`,
    ].join('\n\n');
    return {
      structured: {
        table,
        source: 'workspace' as const,
        file,
        format,
        rows: imported.rows,
        columns: imported.columns,
      },
      text,
    };
  },
});
