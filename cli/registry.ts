import type { ServerModule } from '../shared/server-module.ts';

/** A server the CLI can start; its module is imported only when it is used. */
export interface ServerEntry {
  summary: string;
  load(): Promise<ServerModule>;
}

export type ServerRegistry = Record<string, ServerEntry>;

/** Every server of the suite, in the order help lists them. */
export const servers: ServerRegistry = {
  database: {
    summary: 'SQL on PostgreSQL, MySQL/MariaDB and SQLite: read-only by default, capped results',
    load: async () => (await import('../servers/database/module.ts')).databaseModule,
  },
  weather: {
    summary: 'weather, forecasts, history and air quality from Open-Meteo',
    load: async () => (await import('../servers/weather/module.ts')).weatherModule,
  },
  translation: {
    summary: 'translate and detect languages with MyMemory, LibreTranslate or DeepL',
    load: async () => (await import('../servers/translation/module.ts')).translationModule,
  },
  analytics: {
    summary: 'statistics and charts computed inside the database, plus imported CSV and JSON files',
    load: async () => (await import('../servers/analytics/module.ts')).analyticsModule,
  },
};
