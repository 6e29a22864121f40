import type { ServerTool } from '../../../shared/tools.ts';
import type { DatabaseDeps } from '../deps.ts';
import { describeTableTool } from './describe-table.ts';
import { executeTool } from './execute.ts';
import { explainTool } from './explain.ts';
import { listSchemasTool } from './list-schemas.ts';
import { listTablesTool } from './list-tables.ts';
import { queryTool } from './query.ts';
import { sampleRowsTool } from './sample-rows.ts';

/** Lists the tools of one server. execute is included only when writes are allowed. */
export function databaseTools(allowWrite: boolean): ServerTool<DatabaseDeps>[] {
  const tools = [
    listSchemasTool,
    listTablesTool,
    describeTableTool,
    sampleRowsTool,
    queryTool,
    explainTool,
  ];
  return allowWrite ? [...tools, executeTool] : tools;
}
