import type { JobState } from '../../../shared/domain/job-status';
import type { EarlierCopy } from '../../../shared/domain/queue';
import { sampledFingerprint } from '../scan/fingerprint';
import type { ScannedFile } from '../scan/scan-paths';
import type { QueueStore } from './queue-store';
import type { SameContentIndex } from './same-content';

/**
 * Where uploads go. `key` decides what counts as the same place: the profile (with its key and region) or
 * the headless key, the region and endpoint, and the batch's storage location and app. `label` says it to a
 * person, in "already uploaded to …" messages.
 */
export interface Destination {
  readonly key: string;
  readonly label: string;
}

/** The part of the destination a batch adds: VOD storage location and app id. */
export function batchDestination(
  base: Destination | null,
  metadata: { storageLocation?: string | undefined; appId?: string | undefined },
): Destination | null {
  if (base === null) return null;
  const storage = metadata.storageLocation ?? '';
  const app = metadata.appId ?? '';
  const extra = [storage && `storage ${storage}`, app && `app ${app}`].filter(Boolean).join(', ');
  return {
    key: `${base.key}|storage:${storage}|app:${app}`,
    label: extra ? `${base.label}, ${extra}` : base.label,
  };
}

/**
 * Sampled fingerprints (scan/fingerprint.ts), by path, of the files that have a possible copy in `destination`
 * (a job or an upload with the same size and mtime), and of those copies' own files when a job has none on
 * record yet (not started) and its file is still there. Only those are read (three 64 KiB samples each), so
 * adding thousands of new files reads none. A file that cannot be read gets no fingerprint (its path decides).
 */
export async function fingerprintsForCandidates(
  store: QueueStore,
  files: readonly ScannedFile[],
  destination: string | null,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const take = async (path: string) => {
    if (out.has(path)) return;
    try {
      out.set(path, await sampledFingerprint(path));
    } catch {
      // unreadable now: compared by path only; the upload itself reports why it cannot read the file
    }
  };
  const index = store.sameContent(files, destination);
  for (const file of files) {
    const jobs = index.jobs(file);
    const uploads = index.uploads(file);
    if (jobs.length + uploads.length === 0) continue;
    await take(file.path);
    for (const job of jobs) if (job.fingerprint === null && job.path !== file.path) await take(job.path);
  }
  return out;
}

interface Candidate {
  readonly path: string;
  readonly fingerprint: string | null;
}

/**
 * The same content: equal fingerprints (the one on record, else the one just taken of the candidate's file),
 * or, where one side has none (a file that could not be read), the same path. Size and mtime already matched.
 */
function sameContent(file: ScannedFile, fingerprints: ReadonlyMap<string, string>, c: Candidate): boolean {
  const mine = fingerprints.get(file.path);
  const theirs = c.fingerprint ?? fingerprints.get(c.path) ?? null;
  if (mine !== undefined && theirs !== null) return mine === theirs;
  return c.path === file.path;
}

const UNFINISHED_FIRST: readonly JobState[] = [
  'uploading',
  'preparing',
  'verifying',
  'retrying',
  'queued',
  'paused',
  'failed',
  'source-missing',
];

/**
 * The earlier copy of `file` in `destination`, if there is one: an upload (history, or a done job still in the
 * queue) unless `force`, else a job still in the queue (queued, running, paused, failed…), which the caller
 * resumes or retries rather than queueing the file twice. `index` is the batch's lookup
 * (`QueueStore.sameContent`), taken synchronously right before the insert so no other add slips in between.
 */
export function findEarlierCopy(
  index: SameContentIndex,
  file: ScannedFile,
  destination: Destination | null,
  fingerprints: ReadonlyMap<string, string>,
  force: boolean,
): EarlierCopy | undefined {
  const jobs = index.jobs(file).filter((j) => sameContent(file, fingerprints, j));
  if (!force) {
    const uploaded = index.uploads(file).find((h) => sameContent(file, fingerprints, h));
    if (uploaded) {
      return {
        path: file.path,
        state: 'uploaded',
        jobId: null,
        mediaId: uploaded.mediaId,
        kind: uploaded.kind,
        earlierPath: uploaded.path,
        destination: uploaded.destinationLabel,
        finishedAt: uploaded.finishedAt,
      };
    }
  }
  const unfinished = UNFINISHED_FIRST.map((state) => jobs.find((j) => j.state === state)).find(Boolean);
  if (unfinished) {
    return {
      path: file.path,
      state: unfinished.state,
      jobId: unfinished.id,
      mediaId: null,
      kind: file.kind,
      earlierPath: unfinished.path,
      destination: destination?.label ?? null,
      finishedAt: null,
    };
  }
  return undefined;
}

/** What the add summary says about a file with an earlier copy (English, for the CLI and logs). */
export function describeEarlierCopy(copy: EarlierCopy): string {
  const from = copy.earlierPath !== copy.path ? ` (from ${copy.earlierPath})` : '';
  const to = copy.destination ? ` to ${copy.destination}` : '';
  if (copy.state === 'uploaded') {
    const day = copy.finishedAt === null ? '' : ` on ${new Date(copy.finishedAt).toISOString().slice(0, 10)}`;
    return `already uploaded${to} as ${copy.mediaId}${day}${from}`;
  }
  return `already in the queue (${copy.state})${to}${from}`;
}
