import { claudeCode } from './claude-code.ts';
import { claudeDesktop } from './claude-desktop.ts';
import { cursor } from './cursor.ts';
import type { Host } from './types.ts';
import { vscode } from './vscode.ts';
import { windsurf } from './windsurf.ts';

/** Every host `conduit config` supports, by the name given on the command line. */
export const hosts: Record<string, Host> = {
  'claude-desktop': claudeDesktop,
  'claude-code': claudeCode,
  cursor,
  vscode,
  windsurf,
};
