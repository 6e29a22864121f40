import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Sends a JSON-RPC error that is not tied to any request id. */
export function sendJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
): void {
  sendJson(res, status, { jsonrpc: '2.0', id: null, error: { code, message } });
}

/**
 * Reads a JSON body of at most `limit` bytes. Sends 413 or a JSON-RPC parse
 * error itself and returns undefined when the body cannot be used.
 */
export async function readJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      sendJsonRpcError(res, 413, -32600, `Request body is larger than ${limit} bytes.`);
      req.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }

  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    sendJsonRpcError(res, 400, -32700, 'Parse error: the body is not valid JSON.');
    return undefined;
  }
}
