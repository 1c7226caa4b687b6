import type { MediaKind } from '../../../shared/domain/media-kind';
import type { Logger } from '../log/logger';
import { toJobFailure } from './job-failure';
import type { MediaLedger, PendingDeletion, RemoteMedia } from './media-ledger-port';

/** After a failed sweep, the next one waits this long unless new work arrives. */
const RETRY_AFTER_MS = 30_000;

/**
 * Carries out what the media ledger says the uploader owes VOD: looks up the media of create calls whose
 * answer was never saved (their job is gone, done or canceled) and deletes every media queued for deletion.
 * One sweep at a time; a failure stays in the ledger with its error and attempt count and is retried by a
 * later sweep, never dropped.
 */
export class MediaJanitor {
  private running: Promise<void> | undefined;
  private again = false;
  private lastFailureAt = 0;

  public constructor(
    private readonly ledger: MediaLedger,
    private readonly remote: RemoteMedia,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves (never rejects) when a sweep that includes everything queued so far has finished. */
  public sweep(): Promise<void> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    const run = this.runSweeps()
      .catch((error: unknown) => this.logger.error('media sweep failed', { error: String(error) }))
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }

  /** True when the ledger holds work a sweep could do now (new work, or a failure old enough to retry). */
  public hasWork(): boolean {
    const pending = this.ledger.pendingDeletions();
    if (pending.some((d) => d.attempts === 0)) return true;
    if (this.now() - this.lastFailureAt < RETRY_AFTER_MS) return false;
    return pending.length > 0 || this.ledger.orphanIntents().length > 0;
  }

  /** A sweep in progress, if any (whenIdle waits for it). */
  public get inFlight(): Promise<void> | undefined {
    return this.running;
  }

  private async runSweeps(): Promise<void> {
    do {
      this.again = false;
      await this.adoptOrphanIntents();
      await this.deletePending();
    } while (this.again);
  }

  private async adoptOrphanIntents(): Promise<void> {
    for (const intent of this.ledger.orphanIntents()) {
      try {
        const found = await this.remote.findCreated(intent);
        this.ledger.discard(
          null,
          { kind: intent.kind, profileId: intent.profileId, mediaIds: found, reason: 'created-not-saved' },
          intent.marker,
        );
        if (found.length > 0)
          this.logger.info('found media of an unsaved create', { marker: intent.marker, found });
      } catch (error) {
        this.lastFailureAt = this.now();
        this.logger.warn('looking up an unsaved create failed', {
          marker: intent.marker,
          error: toJobFailure(error, '').toErrorInfo(),
        });
      }
    }
  }

  private async deletePending(): Promise<void> {
    const groups = new Map<string, { profileId: string | null; kind: MediaKind; items: PendingDeletion[] }>();
    for (const d of this.ledger.pendingDeletions()) {
      const key = `${d.profileId ?? ''}\u0000${d.kind}`;
      const group = groups.get(key) ?? { profileId: d.profileId, kind: d.kind, items: [] };
      group.items.push(d);
      groups.set(key, group);
    }
    for (const { profileId, kind, items } of groups.values()) {
      const ids = items.map((d) => d.mediaId);
      try {
        await this.remote.deleteMedia(profileId, kind, ids);
        this.ledger.deleted(ids);
        this.logger.info('media deleted in VOD', {
          kind,
          mediaIds: ids,
          reasons: [...new Set(items.map((d) => d.reason))],
        });
      } catch (error) {
        this.lastFailureAt = this.now();
        const info = toJobFailure(error, '').toErrorInfo();
        this.ledger.deletionFailed(ids, info);
        this.logger.warn('deleting media in VOD failed; kept for a later retry', {
          kind,
          mediaIds: ids,
          error: info,
        });
      }
    }
  }
}
