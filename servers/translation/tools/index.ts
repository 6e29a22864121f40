import { detectLanguageTool } from './detect-language.ts';
import { listLanguagesTool } from './list-languages.ts';
import { translateTool } from './translate.ts';

export const translationTools = [translateTool, detectLanguageTool, listLanguagesTool];
