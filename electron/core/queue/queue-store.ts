import { createHistoryRepository, type HistoryRepository } from './history-repository';
import { createJobsRepository } from './jobs-repository';
import type { JobsRepository } from './jobs-repository-port';
import type { SqliteDatabase } from '../base/sqlite';
import { createCleanupRecords, type CleanupRecords } from './cleanup-records';
import { createMediaLedger } from './media-ledger';
import type { MediaLedger } from './media-ledger-types';
import { createPartsRepository, type PartsRepository } from './parts-repository';
import { createPresetsRepository, type PresetsRepository } from './presets-repository';
import { createSettingsRepository, type SettingsRepository } from './settings-repository';
import { createWatchFoldersRepository, type WatchFolderStore } from './watch-folders-repository';
import { createUrlSourcesRepository, type UrlSourcesRepository } from './url-sources-repository';
import { createUrlPullCancelsRepository, type UrlPullCancelsRepository } from './url-pull-cancels-repository';
import { createTeamQueueRepository, type TeamQueueRepository } from './team-queue-repository';
import { createJobViews, type JobViews } from './job-views';
import { createSameContentLookup, type ContentKey, type SameContentIndex } from './same-content';

/** The repositories over one open queue database. */
export interface QueueStore {
  readonly db: SqliteDatabase;
  readonly jobs: JobsRepository;
  /** The queue as the renderer sees it (views only), whole or a page at a time. */
  readonly views: JobViews;
  readonly parts: PartsRepository;
  readonly history: HistoryRepository;
  readonly settings: SettingsRepository;
  readonly presets: PresetsRepository;
  readonly watchFolders: WatchFolderStore;
  /** Create intents and pending VOD deletions (exactly one media per file). */
  readonly ledger: MediaLedger;
  /** What this data dir knows of the media it made (the clean-up check). */
  readonly cleanup: CleanupRecords;
  /** Jobs whose source is a link (upload from URLs). */
  readonly urls: UrlSourcesRepository;
  /** Pull links canceled while VOD had their job, until VOD's job is settled. */
  readonly urlCancels: UrlPullCancelsRepository;
  /** The team queue's connection (Settings → Team queue); its password only as ciphertext. */
  readonly teamQueue: TeamQueueRepository;
  /** Possible copies of a batch's files in the queue and history (same-content.ts), in one lookup. */
  sameContent(files: readonly ContentKey[], destination: string | null): SameContentIndex;
}

export interface QueueStoreOptions {
  /** Clock for timestamps (tests pin it). */
  readonly now?: () => number;
}

export function createQueueStore(db: SqliteDatabase, options: QueueStoreOptions = {}): QueueStore {
  const now = options.now ?? Date.now;
  const history = createHistoryRepository(db);
  return {
    db,
    jobs: createJobsRepository(db, history, now),
    views: createJobViews(db),
    parts: createPartsRepository(db, now),
    history,
    settings: createSettingsRepository(db),
    presets: createPresetsRepository(db, now),
    watchFolders: createWatchFoldersRepository(db),
    ledger: createMediaLedger(db, now),
    cleanup: createCleanupRecords(db),
    urls: createUrlSourcesRepository(db),
    urlCancels: createUrlPullCancelsRepository(db, now),
    teamQueue: createTeamQueueRepository(db, now),
    sameContent: createSameContentLookup(db),
  };
}
