import { completable, type McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { NameCompletions } from './completions.ts';

function userMessage(text: string) {
  return { messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
}

/** Prompts that walk a model through a database it has not seen before. */
export function registerDatabasePrompts(server: McpServer, completions: NameCompletions): void {
  server.registerPrompt(
    'explore_database',
    {
      title: 'Explore the database',
      description: 'Survey the schemas and tables and say what questions the data can answer',
      argsSchema: z.object({
        focus: z.string().max(500).optional().describe('a topic to concentrate on, such as sales'),
      }),
    },
    ({ focus }) =>
      userMessage(
        [
          'Explore this database before answering anything.',
          '1. Call list_schemas, then list_tables (use filter when there are many tables).',
          '2. Call describe_table on the tables that look central, and follow their foreign keys.',
          '3. Call sample_rows on two or three of them to see real values.',
          '4. Summarise what the data is about, how the tables join, and five questions it can answer, each with the SQL you would run.',
          focus ? `Concentrate on: ${focus}.` : '',
          'Use query only for read-only SELECT statements, with params for values.',
        ]
          .filter(Boolean)
          .join('\n'),
      ),
  );

  server.registerPrompt(
    'profile_column',
    {
      title: 'Profile a column',
      description:
        'Describe the values of one column: nulls, distinct values, range, common values',
      argsSchema: z.object({
        schema: completable(z.string().optional(), (value) => completions.schemas(value ?? '')),
        table: completable(z.string().min(1), (value, context) =>
          completions.tables(value, context?.arguments?.schema),
        ),
        column: completable(z.string().min(1), (value, context) =>
          completions.columns(value, context?.arguments?.table, context?.arguments?.schema),
        ),
      }),
    },
    ({ schema, table, column }) =>
      userMessage(
        [
          `Profile the column "${column}" of table "${table}"${schema ? ` in schema "${schema}"` : ''}.`,
          'Call describe_table first for its type. Then, with one query each (quote the names exactly):',
          '- the row count, the null count and the number of distinct values;',
          '- minimum and maximum for numbers and dates, length range for text;',
          '- the ten most common values with their counts.',
          'Finish with a short summary of what the column contains and any data quality issues.',
        ].join('\n'),
      ),
  );
}
