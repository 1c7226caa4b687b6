import { z } from 'zod';

/** Errors cross IPC as values, never as thrown exceptions (whose fields Electron drops). */
export type IpcError = { code: string; message: string; requestId?: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const IpcErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
});

export const ResultEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorSchema }),
]);

/** Codes the IPC layer itself produces; services add their own. */
export const IpcErrorCode = {
  UnknownChannel: 'IPC_UNKNOWN_CHANNEL',
  InvalidRequest: 'IPC_INVALID_REQUEST',
  InvalidResponse: 'IPC_INVALID_RESPONSE',
  ForbiddenSender: 'IPC_FORBIDDEN_SENDER',
  Internal: 'INTERNAL',
  Transport: 'IPC_TRANSPORT',
} as const;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: string, message: string, requestId?: string): Result<never> {
  return { ok: false, error: requestId ? { code, message, requestId } : { code, message } };
}
