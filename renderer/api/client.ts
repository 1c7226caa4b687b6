import { BRIDGE_GLOBAL, type PreviewHost, type RendererBridge } from '../../shared/ipc/bridge';
import {
  eventChannels,
  invokeChannels,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
} from '../../shared/ipc/contract';
import { err, IpcErrorCode, type IpcError, type Result } from '../../shared/ipc/result';

/** Thrown by `callOrThrow`; carries the error value that crossed IPC. */
export class IpcCallError extends Error {
  public readonly code: string;
  public readonly requestId: string | undefined;
  public constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcCallError';
    this.code = error.code;
    this.requestId = error.requestId;
  }
}

export interface ApiClient {
  call<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<Result<InvokeResponse<C>>>;
  callOrThrow<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void;
  getPathForFile(file: File): string;
  /** The browser preview's extras; null in the desktop app. */
  readonly preview: PreviewHost | null;
}

/**
 * The renderer's typed client over the bridge. Replies are checked against the contract again here: the
 * renderer trusts the shape of what it renders only after validating it.
 */
export function createApiClient(bridge: RendererBridge): ApiClient {
  return {
    async call(channel, request) {
      const invoke = bridge.invoke[channel] as (r: unknown) => Promise<Result<unknown>>;
      const result = await invoke(request);
      if (!result.ok) return result;
      const parsed = invokeChannels[channel].response.safeParse(result.value);
      if (!parsed.success) return err(IpcErrorCode.InvalidResponse, `Malformed reply on ${channel}`);
      return { ok: true, value: parsed.data as InvokeResponse<typeof channel> };
    },
    async callOrThrow(channel, request) {
      const result = await this.call(channel, request);
      if (!result.ok) throw new IpcCallError(result.error);
      return result.value;
    },
    on(channel, listener) {
      const subscribe = bridge.events[channel] as (l: (payload: unknown) => void) => () => void;
      return subscribe((payload) => {
        const parsed = eventChannels[channel].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof channel>);
      });
    },
    getPathForFile(file) {
      return bridge.getPathForFile(file);
    },
    preview: bridge.preview ?? null,
  };
}

/** The bridge the preload (or the browser host) installed, or null when the page runs without one. */
export function getInstalledBridge(): RendererBridge | null {
  const candidate = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL];
  return candidate && typeof candidate === 'object' ? (candidate as RendererBridge) : null;
}
