import type { EventChannel, EventPayload, InvokeChannel, InvokeRequest, InvokeResponse } from './contract';
import type { Result } from './result';

/**
 * The one API object the renderer sees (`window.vodUploader`). The Electron preload builds it from the
 * contract over ipcRenderer; the browser host builds the same shape over a WebSocket. The renderer cannot
 * tell them apart.
 */
export type InvokeBridge = {
  [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<Result<InvokeResponse<C>>>;
};
export type EventBridge = {
  [E in EventChannel]: (listener: (payload: EventPayload<E>) => void) => () => void;
};
/** A dropped DOM File, described structurally so shared/ needs no DOM types. */
export type DroppedFile = { readonly name: string; readonly size: number };

export interface RendererBridge {
  readonly invoke: InvokeBridge;
  readonly events: EventBridge;
  /** The absolute path of a dropped File (Electron's webUtils.getPathForFile); '' when there is none. */
  readonly getPathForFile: (file: DroppedFile) => string;
}

/** The global name the bridge is exposed under. */
export const BRIDGE_GLOBAL = 'vodUploader';
