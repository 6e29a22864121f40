import type { Client } from '@modelcontextprotocol/client';

export interface TranslateResult {
  provider: string;
  target: string;
  targetCode: string;
  source?: string;
  sourceCode?: string;
  translations: {
    translation: string;
    unchanged: boolean;
    pieces: number;
    detectedLanguage?: { language: string; confidence: number | null; detector: string };
    htmlProblems: string[];
  }[];
  notes: string[];
  fallbacks: { provider: string; code: string; message: string }[];
}

/** Calls translate and returns the raw result with its structured content typed. */
export async function callTranslate(client: Client, args: Record<string, unknown>) {
  const result = await client.callTool({ name: 'translate', arguments: args });
  return { result, structured: result.structuredContent as unknown as TranslateResult };
}
