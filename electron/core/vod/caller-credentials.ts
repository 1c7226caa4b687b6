import type { VodCallerCredential } from '../secrets/caller-credential';

export interface CallerCredentialSource {
  get(): Promise<VodCallerCredential>;
  /** Called when the service rejected the credential: the next get() must not return the same one. */
  invalidate(): void;
}

/** An AccessKey, or temporary credentials pasted by the user (which cannot be renewed). */
export class StaticCredentialSource implements CallerCredentialSource {
  public constructor(private readonly credential: VodCallerCredential) {}

  public async get(): Promise<VodCallerCredential> {
    return this.credential;
  }

  public invalidate(): void {
    // Nothing to renew: a rejected static credential stays rejected, and the caller reports it.
  }
}

/** Lazily resolves a credential once (e.g. the headless environment lookup) and keeps it. */
export class LazyCredentialSource implements CallerCredentialSource {
  private pending: Promise<VodCallerCredential> | null = null;

  public constructor(private readonly load: () => Promise<VodCallerCredential>) {}

  public get(): Promise<VodCallerCredential> {
    this.pending ??= this.load().catch((e: unknown) => {
      this.pending = null;
      throw e;
    });
    return this.pending;
  }

  public invalidate(): void {
    this.pending = null;
  }
}
