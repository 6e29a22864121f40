import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServers, connectServers, type ConnectResult } from '../../../client-demo/connect.ts';
import type { ChatEvent } from '../../../client-demo/events.ts';
import { ToolRunner } from '../../../client-demo/tool-runner.ts';
import { Toolbox, type ToolEntry } from '../../../client-demo/toolbox.ts';
import { fixtureServer } from './fixture-servers.ts';

/** The fixture server connected, with a runner whose approvals and events a test controls. */
export interface Harness {
  connection: ConnectResult;
  toolbox: Toolbox;
  events: ChatEvent[];
  approvals: ToolEntry[];
  /** What the next approval questions return. */
  approve: { answer: boolean };
  imageDirectory: string;
  runner(options?: { timeoutMs?: number; maxTotalMs?: number }): ToolRunner;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const connection = await connectServers([fixtureServer('fx')], {
    timeoutMs: 20_000,
    clientVersion: 'test',
  });
  if (connection.failed.length > 0) {
    throw new Error(`fixture server failed: ${connection.failed[0]?.error}`);
  }
  const toolbox = new Toolbox(connection.connected);
  const events: ChatEvent[] = [];
  const approvals: ToolEntry[] = [];
  const approve = { answer: false };
  const imageDirectory = mkdtempSync(join(tmpdir(), 'conduit-demo-test-'));

  return {
    connection,
    toolbox,
    events,
    approvals,
    approve,
    imageDirectory,
    runner: (options = {}) =>
      new ToolRunner({
        toolbox,
        timeoutMs: options.timeoutMs ?? 10_000,
        maxTotalMs: options.maxTotalMs ?? 30_000,
        imageDirectory,
        approve: async (entry) => {
          approvals.push(entry);
          return approve.answer;
        },
        onEvent: (event) => events.push(event),
      }),
    close: () => closeServers(connection.connected),
  };
}
