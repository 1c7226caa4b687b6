import { type IncomingMessage } from 'node:http';
import { ServiceError } from './errors';

/** Reads a small request body (VOD forms, Complete XML); anything bigger than `limit` is refused. */
export async function readSmallBody(req: IncomingMessage, limit = 4 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit)
      throw new ServiceError(400, 'EntityTooLarge', 'Your proposed upload exceeds the limit.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads and throws away the rest of a body, so an early error answer does not break the client's write. */
export async function drainBody(
  req: IncomingMessage,
  onBytes: (n: number) => void = () => {},
): Promise<void> {
  if (req.readableEnded) return;
  await new Promise<void>((resolve) => {
    req.on('data', (chunk: Buffer) => onBytes(chunk.length));
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', () => resolve());
    req.resume();
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
