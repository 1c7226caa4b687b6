import { randomUUID } from 'node:crypto';
import type { AddSummary, SkippedEntry } from '../../../shared/domain/queue';
import { renderTitle } from '../../../shared/logic/title-template';
import type { UrlLine } from '../../../shared/domain/url-links';
import {
  checkSourceUrl,
  defaultUrlMode,
  type CheckedUrl,
  type UrlMode,
} from '../../../shared/logic/source-url';
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
  /** What decide() would do with each link, line by line, without queuing anything ("Add links…"). */
  check(urls: readonly string[], urlMode?: UrlMode): UrlLine[];
}

type Judged =
  | { readonly ok: true; readonly checked: Extract<CheckedUrl, { ok: true }>; readonly mode: UrlMode }
  | Extract<UrlLine, { ok: false }>;

/** One link: the checks of source-url.ts, then the mode it would go up in, refused if this build lacks it. */
export function judgeUrl(input: string, urlMode: UrlMode | undefined, modes: ReadonlySet<UrlMode>): Judged {
  const checked = checkSourceUrl(input, urlMode);
  if (!checked.ok) {
    return { ok: false, display: checked.input, problem: checked.problem, reason: checked.reason };
  }
  const mode = urlMode ?? defaultUrlMode(checked);
  if (modes.has(mode)) return { ok: true, checked, mode };
  return {
    ok: false,
    display: checked.display,
    problem: { code: 'mode-unavailable', mode },
    reason:
      mode === 'relay'
        ? 'this link would be relayed (it is private or an image), and relay mode is not available yet'
        : `${mode} mode is not available`,
  };
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

/** judgeUrl() as the "Add links…" dialog shows it: one verdict per line. */
export function urlLine(input: string, urlMode: UrlMode | undefined, modes: ReadonlySet<UrlMode>): UrlLine {
  const judged = judgeUrl(input, urlMode, modes);
  if (!judged.ok) return judged;
  return { ok: true, display: judged.checked.display, mode: judged.mode, kind: judged.checked.kind };
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
    check: (urls, urlMode) => urls.map((input) => urlLine(input, urlMode, modes)),
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
        const judged = judgeUrl(input, urlMode, modes);
        if (!judged.ok) {
          skipped.push({ path: judged.display, reason: judged.reason });
          continue;
        }
        const { checked, mode } = judged;
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
