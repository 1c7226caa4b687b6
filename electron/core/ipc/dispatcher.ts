import {
  invokeChannels,
  isInvokeChannel,
  type InvokeChannel,
  type InvokeParsedRequest,
  type InvokeResponse,
} from '../../../shared/ipc/contract';
import { err, IpcErrorCode, ok, type Result } from '../../../shared/ipc/result';
import { AppError } from '../base/app-error';
import { z } from 'zod';

/** One thin handler per invoke channel; each delegates to a service. */
export type ContractHandlers = {
  [C in InvokeChannel]: (request: InvokeParsedRequest<C>) => Promise<InvokeResponse<C>> | InvokeResponse<C>;
};

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

/**
 * The transport-neutral half of the IPC gateway, shared by Electron's ipcMain binding and the browser host:
 * refuses unknown channels, validates every payload before any service runs, and turns every outcome into a
 * value. The response is validated too, so a service can never leak a field the contract does not declare
 * (a secret, say) to the renderer: zod strips unknown keys.
 */
export function createDispatcher(handlers: ContractHandlers, onError?: (e: unknown) => void): Dispatch {
  return async (channel, payload) => {
    if (!isInvokeChannel(channel)) {
      return err(IpcErrorCode.UnknownChannel, `Unknown IPC channel: ${describeChannel(channel)}`);
    }
    const spec = invokeChannels[channel];
    const parsed = safeParse(spec.request, payload ?? {});
    if (!parsed.success) {
      return err(
        IpcErrorCode.InvalidRequest,
        `Invalid request for ${channel}: ${describeIssues(parsed.error)}`,
      );
    }
    try {
      const handler = handlers[channel] as (request: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        onError?.(checked.error);
        return err(IpcErrorCode.InvalidResponse, `The service answered ${channel} with an invalid value`);
      }
      return ok(checked.data);
    } catch (e) {
      if (e instanceof AppError) return err(e.code, e.message, e.requestId);
      onError?.(e);
      return err(IpcErrorCode.Internal, e instanceof Error ? e.message : 'Unexpected error');
    }
  };
}

/**
 * A channel name for the error message. Not String(channel): a value without a prototype (or with a
 * throwing toString) would make the refusal itself throw ("Cannot convert object to primitive value").
 */
function describeChannel(channel: unknown): string {
  return typeof channel === 'string'
    ? channel.slice(0, 100)
    : `(a ${channel === null ? 'null' : typeof channel}, not a name)`;
}

/** Validation never throws out of the dispatcher: a payload that makes the schema throw is refused like any other. */
function safeParse(schema: z.ZodType, payload: unknown): ReturnType<z.ZodType['safeParse']> {
  try {
    return schema.safeParse(payload);
  } catch (e) {
    const message = e instanceof Error ? e.message : 'validation failed';
    return { success: false, error: new z.ZodError([{ code: 'custom', path: [], message, input: payload }]) };
  }
}

function describeIssues(error: {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}) {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
