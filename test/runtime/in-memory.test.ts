import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEchoServer } from '../fixtures/echo-server.ts';

describe('tool runtime in memory', () => {
  let client: Client;

  beforeEach(async () => {
    const server = createEchoServer({ prefix: '> ' });
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(clientSide);
  });

  afterEach(async () => {
    await client.close();
  });

  it('lists tools with every annotation', async () => {
    const { tools } = await client.listTools();
    const echo = tools.find((tool) => tool.name === 'echo');
    expect(echo?.annotations).toEqual({
      title: 'Echo',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(echo?.outputSchema?.properties).toHaveProperty('echoed');
  });

  it('returns structured content and text', async () => {
    const result = await client.callTool({ name: 'echo', arguments: { text: '北京 🙂' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ echoed: '> 北京 🙂' });
    expect(result.content).toEqual([{ type: 'text', text: '> 北京 🙂' }]);
  });

  it('answers invalid arguments with isError', async () => {
    const result = await client.callTool({ name: 'echo', arguments: { text: 42 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('text');
  });

  it('rejects an unknown argument by name', async () => {
    const result = await client.callTool({ name: 'echo', arguments: { text: 'x', txet: 'y' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('txet');
  });

  it('declares that no other arguments are accepted', async () => {
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === 'echo')?.inputSchema.additionalProperties).toBe(
      false,
    );
  });

  it('turns a ToolError into code, message and next step', async () => {
    const result = await client.callTool({ name: 'fail', arguments: { mode: 'expected' } });
    expect(result.isError).toBe(true);
    const text = (result.content as { text: string }[])[0]?.text ?? '';
    expect(text).toContain('Error NOT_FOUND');
    expect(text).toContain('"w-1"');
    expect(text).toContain('Next step: call echo instead');
  });

  it('hides the text of unexpected errors', async () => {
    const result = await client.callTool({ name: 'fail', arguments: { mode: 'unexpected' } });
    expect(result.isError).toBe(true);
    const text = JSON.stringify(result.content);
    expect(text).toContain('Error INTERNAL');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('postgres://');
  });

  it('sends progress when the client asks for it', async () => {
    const updates: number[] = [];
    await client.callTool(
      { name: 'echo', arguments: { text: 'x' } },
      { onprogress: (progress) => updates.push(progress.progress) },
    );
    expect(updates).toEqual([1]);
  });
});
