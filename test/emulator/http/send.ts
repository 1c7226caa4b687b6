import { type ServerResponse } from 'node:http';
import { type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sleep } from './body';

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | number>>;
  readonly body?: string | Readable;
}

/** Writes a reply after the latency fault; quietly gives up if the client has gone. */
export async function send(
  res: ServerResponse,
  reply: Reply,
  latencyMs: number,
  head = false,
): Promise<void> {
  if (latencyMs > 0) await sleep(latencyMs);
  if (res.destroyed || res.headersSent) {
    if (reply.body && typeof reply.body !== 'string') reply.body.destroy();
    return;
  }
  const headers: Record<string, string | number> = { ...reply.headers };
  if (typeof reply.body === 'string' && headers['content-length'] === undefined) {
    headers['content-length'] = Buffer.byteLength(reply.body);
  }
  res.writeHead(reply.status, headers);
  if (head || reply.body === undefined) {
    if (reply.body && typeof reply.body !== 'string') reply.body.destroy();
    res.end();
    return;
  }
  if (typeof reply.body === 'string') {
    res.end(reply.body);
    return;
  }
  await pipeline(reply.body, res).catch(() => undefined);
}
