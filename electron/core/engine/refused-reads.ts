import type { UploadTarget } from '../vod/credential-types';

/** The OSS reads the engine asks where allowed and does without where refused. */
export type OssRead = 'ListParts' | 'HeadObject';

/**
 * The reads OSS refused (403 AccessDenied), per endpoint and bucket, for the engine's lifetime. VOD issues every
 * upload credential of a bucket under one policy, so a read refused for one job is refused for the next, and
 * asking again would only cost a round trip per resume or settle. Nothing is remembered where the read is
 * allowed (the broad policy asks every time, as before). A new engine (a restart) asks once again.
 */
export class RefusedReads {
  private readonly refused = new Set<string>();

  public has(target: Pick<UploadTarget, 'endpoint' | 'bucket'>, read: OssRead): boolean {
    return this.refused.has(keyOf(target, read));
  }

  public note(target: Pick<UploadTarget, 'endpoint' | 'bucket'>, read: OssRead): void {
    this.refused.add(keyOf(target, read));
  }
}

function keyOf(target: Pick<UploadTarget, 'endpoint' | 'bucket'>, read: OssRead): string {
  return JSON.stringify([target.endpoint, target.bucket, read]);
}
