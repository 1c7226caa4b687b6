/**
 * Why the engine stopped a job: the abort reason carried by its AbortSignal down to every request. `drain` is
 * never an abort of requests: it is thrown by the job itself once its in-flight requests have finished and it
 * started no new one (UploadEngine.drain), so the job goes back to the queue like a shutdown's.
 */
export type StopKind = 'pause' | 'cancel' | 'shutdown' | 'drain';

export class EngineAbort extends Error {
  public readonly kind: StopKind;
  public constructor(kind: StopKind) {
    super(`Upload stopped (${kind})`);
    this.name = 'AbortError';
    this.kind = kind;
  }
}

/** The signal's reason as an Error (an EngineAbort for the engine's own stops), to throw on. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(String(reason ?? 'aborted'));
  error.name = 'AbortError';
  return error;
}

/** Waits for `promise` but gives up at once when the signal aborts (the promise still settles on its own). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

/**
 * A drain asked the job to start nothing new: throws EngineAbort('drain') when `draining` has fired. Called
 * only where a new request would begin (a part, a single PUT, a new attempt), never under one in flight.
 */
export function stopIfDraining(draining: AbortSignal): void {
  if (draining.aborted) throw new EngineAbort('drain');
}
