import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { DroppedFile, EventBridge, InvokeBridge, RendererBridge } from '../../shared/ipc/bridge';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/ipc/contract';
import { err, IpcErrorCode, ResultEnvelopeSchema, type Result } from '../../shared/ipc/result';

/**
 * Builds the renderer's API object from the contract: one invoke function per contract channel and one
 * subscribe function per event channel, and nothing else. ipcRenderer itself never crosses the bridge.
 */
export function createBridge(
  ipc: IpcRenderer,
  getPathForFile: (file: DroppedFile) => string,
): RendererBridge {
  const invoke = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      async (request: unknown): Promise<Result<unknown>> => {
        try {
          const envelope = ResultEnvelopeSchema.safeParse(await ipc.invoke(channel, request ?? {}));
          return envelope.success
            ? (envelope.data as Result<unknown>)
            : err(IpcErrorCode.Transport, `Malformed reply on ${channel}`);
        } catch (e) {
          return err(IpcErrorCode.Transport, e instanceof Error ? e.message : String(e));
        }
      },
    ]),
  ) as InvokeBridge;

  const events = Object.fromEntries(
    EVENT_CHANNELS.map((channel) => [
      channel,
      (listener: (payload: unknown) => void) => {
        const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
        ipc.on(channel, wrapped);
        return () => {
          ipc.removeListener(channel, wrapped);
        };
      },
    ]),
  ) as EventBridge;

  return Object.freeze({
    invoke: Object.freeze(invoke),
    events: Object.freeze(events),
    getPathForFile: (file: DroppedFile) => {
      try {
        return getPathForFile(file);
      } catch {
        return '';
      }
    },
  });
}
