import { randomUUID } from 'node:crypto';
import type { AddSummary, SkippedEntry } from '../../../shared/domain/queue';
import { renderTitle } from '../../../shared/logic/title-template';
import { checkSourceUrl, defaultUrlMode, type UrlMode } from '../../../shared/logic/source-url';
import { batchDestination, type Destination } from './duplicate-check';
import type { NewJob } from './jobs-repository-port';
import { resolveBatch, type AddOptions, type QueueServiceDeps } from './queue-service';

export interface UrlAddOptions extends AddOptions {
  /** How the whole batch goes up; per link when absent (pull for public audio/video, relay otherwise). */
  readonly urlMode?: UrlMode;
}

export interface UrlSourceRow {
  readonly jobId: string;
  readonly url: string;
  readonly mode: UrlMode;
}

export interface DecidedUrls {
  readonly jobs: NewJob[];
  readonly sources: UrlSourceRow[];
  readonly summary: AddSummary;
}

export interface UrlIntake {
  decide(urls: readonly string[], options?: UrlAddOptions): Promise<DecidedUrls>;
}

/** Modes this build can run; relay is refused with a clear reason until it is enabled. */
export interface UrlIntakeDeps extends Pick<
  QueueServiceDeps,
  'store' | 'profileDefaults' | 'destinationFor'
> {
  readonly modes?: ReadonlySet<UrlMode>;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/**
 * Turns links into queue rows: each is checked (http/https only, a file name VOD takes) and refused with the
 * reason otherwise; the row's path is the masked link (redactUrl), the full one goes to url_sources. The
 * size is unknown (0) until the link is fetched. Links are not checked for duplicates: the same URL may
 * serve new content.
 */
export function createUrlIntake(deps: UrlIntakeDeps): UrlIntake {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const modes = deps.modes ?? new Set<UrlMode>(['pull', 'relay']);
  return {
    async decide(urls, options = {}) {
      const { urlMode, ...batch } = options;
      const { profileId, metadata } = resolveBatch(deps, batch);
      const destination: Destination | null = batchDestination(
        deps.destinationFor ? await deps.destinationFor(profileId) : null,
        metadata,
      );
      const addedAt = now();
      const skipped: SkippedEntry[] = [];
      const jobs: NewJob[] = [];
      const sources: UrlSourceRow[] = [];
      for (const input of urls) {
        const checked = checkSourceUrl(input, urlMode);
        if (!checked.ok) {
          skipped.push({ path: checked.input, reason: checked.reason });
          continue;
        }
        const mode = urlMode ?? defaultUrlMode(checked);
        if (!modes.has(mode)) {
          skipped.push({
            path: checked.display,
            reason:
              mode === 'relay'
                ? 'this link would be relayed (it is private or an image), and relay mode is not available yet'
                : `${mode} mode is not available`,
          });
          continue;
        }
        const id = newId();
        jobs.push({
          id,
          path: checked.display,
          root: '',
          relativeDir: '',
          name: checked.name,
          kind: checked.kind,
          businessType: null,
          size: 0,
          mtimeMs: 0,
          profileId,
          title: renderTitle(metadata.titleTemplate, {
            fileName: checked.name,
            relativeDir: '',
            addedAt,
            mtimeMs: addedAt,
            index: jobs.length + 1,
          }),
          metadata,
          fingerprint: null,
          destination: destination?.key ?? null,
          destinationLabel: destination?.label ?? null,
        });
        sources.push({ jobId: id, url: checked.url, mode });
      }
      return {
        jobs,
        sources,
        summary: {
          added: jobs.length,
          bytes: 0,
          skipped,
          duplicates: [],
          jobIds: jobs.map((j) => j.id),
          earlier: [],
        },
      };
    },
  };
}
