import type { ServerTool } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { aggregateTool } from './aggregate.ts';
import { chartTool } from './chart.ts';
import { correlateTool } from './correlate.ts';
import { histogramTool } from './histogram.ts';
import { importFileTool } from './import-file.ts';
import { listDatasetsTool } from './list-datasets.ts';
import { detectOutliersTool } from './outliers.ts';
import { profileTool } from './profile.ts';
import { regressTool } from './regress.ts';
import { timeSeriesTool } from './time-series.ts';

/** Every analytics tool, in the order a client lists them. */
export const analyticsTools: readonly ServerTool<AnalyticsDeps>[] = [
  listDatasetsTool,
  importFileTool,
  profileTool,
  aggregateTool,
  timeSeriesTool,
  correlateTool,
  regressTool,
  detectOutliersTool,
  histogramTool,
  chartTool,
];
