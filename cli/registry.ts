import type { ServerModule } from '../shared/server-module.ts';

/** A server the CLI can start; its module is imported only when it is used. */
export interface ServerEntry {
  summary: string;
  load(): Promise<ServerModule>;
}

export type ServerRegistry = Record<string, ServerEntry>;

/** Every server of the suite, in the order help lists them. */
export const servers: ServerRegistry = {
  analytics: {
    summary: 'statistics and charts computed inside the database, plus imported CSV and JSON files',
    load: async () => (await import('../servers/analytics/module.ts')).analyticsModule,
  },
};
