/**
 * An error a service throws on purpose: a stable code the renderer and the CLI can act on, a message
 * written for the person reading it, and the cloud's request id when one caused it.
 */
export class AppError extends Error {
  public readonly code: string;
  public readonly requestId: string | undefined;

  public constructor(code: string, message: string, options?: { requestId?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.requestId = options?.requestId;
  }
}
