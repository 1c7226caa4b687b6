/** Why the engine stopped a job: the abort reason carried by its AbortSignal down to every request. */
export type StopKind = 'pause' | 'cancel' | 'shutdown';

export class EngineAbort extends Error {
  public readonly kind: StopKind;
  public constructor(kind: StopKind) {
    super(`Upload stopped (${kind})`);
    this.name = 'AbortError';
    this.kind = kind;
  }
}
