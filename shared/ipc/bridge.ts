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

/** Where the browser preview's "Add files…" / "Add folder…" take media from. */
export interface PreviewMedia {
  /** 'sample': generated sample files (no --media given); 'own': the folder given with --media. */
  readonly kind: 'sample' | 'own';
  readonly dir: string;
}

/**
 * What only the browser preview has (the Electron preload leaves it out): a browser gives dropped files no
 * paths and has no file dialogs, and the host is a server that can stop, so the renderer shows where media
 * comes from, a path field, and a banner while the connection is down.
 */
export interface PreviewHost {
  /** null when a test answers the dialogs itself. */
  readonly media: PreviewMedia | null;
  /** Called with false when the connection to the host drops and with true when it is back. */
  readonly onConnection: (listener: (connected: boolean) => void) => () => void;
}

export interface RendererBridge {
  readonly invoke: InvokeBridge;
  readonly events: EventBridge;
  /** The absolute path of a dropped File (Electron's webUtils.getPathForFile); '' when there is none. */
  readonly getPathForFile: (file: DroppedFile) => string;
  /** Present only in the browser preview. */
  readonly preview?: PreviewHost;
}

/** The global name the bridge is exposed under. */
export const BRIDGE_GLOBAL = 'vodUploader';
