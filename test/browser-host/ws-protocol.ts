import { z } from 'zod';
import { ResultEnvelopeSchema } from '../../shared/ipc/result';

/**
 * The browser host's wire format: the same contract as Electron's IPC, carried as JSON over one loopback
 * WebSocket. Renderer → host: invoke requests. Host → renderer: invoke results and contract events.
 */
export const WS_PATH = '/__vod/ws';
export const BRIDGE_SCRIPT_PATH = '/__vod/bridge.js';

export const ClientMessageSchema = z
  .object({
    type: z.literal('invoke'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(100),
    payload: z.unknown(),
  })
  .strict();
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), result: ResultEnvelopeSchema }),
  z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
