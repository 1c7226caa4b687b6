import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { type ReadableStream as WebReadableStream } from 'node:stream/web';
import { crc64Digest, crc64Update, type Crc64State } from '../../../electron/core/oss/crc64';
import { type Clock, isoSeconds } from '../clock';
import { invalidParameter, missingParameter } from '../http/errors';
import { hexId } from '../ids';
import { md5Etag } from '../oss/response';
import { type Blob, type OssStore } from '../oss/store';
import { type MediaLibrary } from './media';
import { VIDEO_EXTENSIONS, checkTags, checkText, checkUserData, extensionOf } from './validate';

/** UploadURLs: at most 20 per UploadMediaByURL call (VOD API reference). */
export const MAX_URLS_PER_SUBMIT = 20;
/** JobIds / UploadURLs: at most 10 per GetURLUploadInfos call (VOD API reference). */
export const MAX_URLS_PER_QUERY = 10;
/** A single file over 20 GB fails (VOD API reference). */
export const MAX_PULL_SIZE = 20 * 1024 ** 3;

/**
 * Job status strings. SUCCESS is the documented example; PENDING is named by CancelUrlUploadJobs ("only jobs
 * in the Pending state"); PROCESSING, FAIL and CANCELED are this emulator's assumption (docs/emulator.md).
 */
export type UrlJobStatus = 'PENDING' | 'PROCESSING' | 'SUCCESS' | 'FAIL' | 'CANCELED';

interface UploadMetadata {
  readonly Title?: string;
  readonly FileExtension?: string;
  readonly Description?: string;
  readonly Tags?: string;
  readonly CateId?: number | string;
  readonly TemplateGroupId?: string;
  readonly WorkflowId?: string;
}

export interface UrlJob {
  readonly jobId: string;
  readonly url: string;
  readonly ext: string;
  readonly meta: UploadMetadata;
  readonly templateGroupId: string | undefined;
  readonly userData: string | undefined;
  readonly creationTime: string;
  status: UrlJobStatus;
  mediaId?: string;
  fileSize?: number;
  errorCode?: string;
  errorMessage?: string;
  completeTime?: string;
}

export interface UrlJobDeps {
  readonly library: MediaLibrary;
  readonly store: OssStore;
  readonly clock: Clock;
  readonly bucket: string;
  /** Largest source the pull accepts (MAX_PULL_SIZE; tests lower it). */
  readonly maxSize: () => number;
  /** How many pulls run at once. */
  readonly concurrency: number;
}

/** Splits a comma-separated list of URL-encoded URLs (VOD asks callers to encode each URL first). */
export function decodeUrls(raw: string, name: string, max: number): string[] {
  const urls = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (urls.length === 0) throw missingParameter(name);
  if (urls.length > max) throw invalidParameter(name, `At most ${max} URLs are allowed.`);
  return urls.map((u) => {
    try {
      return decodeURIComponent(u);
    } catch {
      throw invalidParameter(name, 'Each URL must be URL-encoded.');
    }
  });
}

function parseMetadatas(raw: string | undefined): Map<string, UploadMetadata> {
  const out = new Map<string, UploadMetadata>();
  if (raw === undefined || raw === '') return out;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw invalidParameter('UploadMetadatas', 'It must be a JSON array string.');
  }
  if (!Array.isArray(list)) throw invalidParameter('UploadMetadatas', 'It must be a JSON array string.');
  for (const item of list) {
    if (typeof item !== 'object' || item === null || typeof item.SourceURL !== 'string') {
      throw invalidParameter('UploadMetadatas', 'Each entry must be an object with a SourceURL.');
    }
    const meta = item as UploadMetadata & { SourceURL: string };
    checkText('Title', meta.Title, 128);
    checkText('Description', meta.Description, 1024);
    checkTags(meta.Tags);
    if (meta.CateId !== undefined && !/^\d+$/.test(String(meta.CateId))) {
      throw invalidParameter('UploadMetadatas', 'CateId must be an integer.');
    }
    out.set(meta.SourceURL, meta);
  }
  return out;
}

function pathExtension(url: URL): string {
  return extensionOf(decodeURIComponent(url.pathname));
}

/** Streams a response body through MD5 and CRC-64 into a file (or nowhere, with --sink). */
async function storeBody(body: Readable, path: string | undefined, maxSize: number): Promise<Blob> {
  const md5 = createHash('md5');
  let crc: Crc64State | undefined;
  let size = 0;
  const file = path ? createWriteStream(path) : undefined;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxSize)
        throw new PullError('FileSizeExceeded', `The source file exceeds ${maxSize} bytes.`);
      md5.update(chunk);
      crc = crc64Update(crc, chunk);
      if (file && !file.write(chunk)) await once(file, 'drain');
    }
  } catch (err) {
    body.destroy();
    if (file) {
      file.destroy();
      await once(file, 'close').catch(() => undefined);
      rmSync(path!, { force: true });
    }
    if (err instanceof PullError) throw err;
    throw new PullError('DownloadFailed', `The download broke off: ${(err as Error).message}`);
  }
  if (file) {
    file.end();
    await once(file, 'close');
  }
  return { size, md5: md5.digest(), crc64: crc64Digest(crc), path };
}

class PullError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * VOD's URL pull: UploadMediaByURL queues one job per URL and answers at once; the jobs download their URL
 * in the background (a few at a time), and a finished download becomes a new video in the media library.
 */
export class UrlJobs {
  readonly jobs = new Map<string, UrlJob>();
  private readonly waiting: UrlJob[] = [];
  private running = 0;
  private stopped = false;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly deps: UrlJobDeps) {}

  submit(params: Readonly<Record<string, string>>): Array<{ JobId: string; SourceURL: string }> {
    const raw = params.UploadURLs;
    if (raw === undefined || raw === '') throw missingParameter('UploadURLs');
    const urls = decodeUrls(raw, 'UploadURLs', MAX_URLS_PER_SUBMIT);
    const metas = parseMetadatas(params.UploadMetadatas);
    checkUserData(params.UserData);
    const prepared = urls.map((source) => {
      let url: URL;
      try {
        url = new URL(source);
      } catch {
        throw invalidParameter('UploadURLs', `"${source}" is not a URL.`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw invalidParameter('UploadURLs', `"${url.protocol}" URLs cannot be pulled; use http or https.`);
      }
      const meta = metas.get(source) ?? {};
      const ext = (meta.FileExtension ?? pathExtension(url)).toLowerCase();
      // Assumed: VOD documents the extension rule but not how it refuses; the stricter reading refuses the call.
      if (!VIDEO_EXTENSIONS.has(ext)) {
        throw invalidParameter(
          'UploadURLs',
          ext
            ? `The file extension "${ext}" of "${source}" is not supported.`
            : `"${source}" has no file extension; set FileExtension in UploadMetadatas.`,
        );
      }
      return { source, meta, ext };
    });
    const now = isoSeconds(this.deps.clock.now());
    return prepared.map(({ source, meta, ext }) => {
      const job: UrlJob = {
        jobId: hexId(16),
        url: source,
        ext,
        meta,
        templateGroupId: meta.TemplateGroupId ?? params.TemplateGroupId,
        userData: params.UserData,
        creationTime: now,
        status: 'PENDING',
      };
      this.jobs.set(job.jobId, job);
      this.waiting.push(job);
      this.pump();
      return { JobId: job.jobId, SourceURL: source };
    });
  }

  query(params: Readonly<Record<string, string>>): { URLUploadInfoList: unknown[]; NonExists: string[] } {
    const found: UrlJob[] = [];
    const missing: string[] = [];
    if (params.JobIds) {
      const ids = params.JobIds.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (ids.length > MAX_URLS_PER_QUERY) {
        throw invalidParameter('JobIds', `At most ${MAX_URLS_PER_QUERY} IDs are allowed.`);
      }
      for (const id of ids) {
        const job = this.jobs.get(id);
        if (job) found.push(job);
        else missing.push(id);
      }
    } else if (params.UploadURLs) {
      for (const url of decodeUrls(params.UploadURLs, 'UploadURLs', MAX_URLS_PER_QUERY)) {
        const matching = [...this.jobs.values()].filter((j) => j.url === url);
        if (matching.length === 0) missing.push(url);
        found.push(...matching);
      }
    } else {
      throw missingParameter('JobIds');
    }
    return { URLUploadInfoList: found.map(describe), NonExists: missing };
  }

  /** CancelUrlUploadJobs on one job: only a job still waiting (PENDING) is canceled; it is never fetched. */
  cancelPending(job: UrlJob): boolean {
    const at = this.waiting.indexOf(job);
    if (job.status !== 'PENDING' || at < 0) return false;
    this.waiting.splice(at, 1);
    job.status = 'CANCELED';
    job.completeTime = isoSeconds(this.deps.clock.now());
    return true;
  }

  stop(): void {
    this.stopped = true;
    for (const c of this.inFlight) c.abort();
  }

  private pump(): void {
    while (!this.stopped && this.running < this.deps.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      void this.pull(job).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async pull(job: UrlJob): Promise<void> {
    job.status = 'PROCESSING';
    const abort = new AbortController();
    this.inFlight.add(abort);
    try {
      let res: Response;
      try {
        // fetch() refuses a URL with user:password; send them as Basic auth, as an HTTP client would.
        const target = new URL(job.url);
        const headers: Record<string, string> = {};
        if (target.username || target.password) {
          const pair = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
          headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
          target.username = '';
          target.password = '';
        }
        res = await fetch(target, { signal: abort.signal, redirect: 'follow', headers });
      } catch (err) {
        throw new PullError(
          'DownloadFailed',
          `The source URL could not be reached: ${(err as Error).message}`,
        );
      }
      if (res.status !== 200 || !res.body) {
        await res.body?.cancel().catch(() => undefined);
        throw new PullError('DownloadFailed', `The source URL answered HTTP ${res.status}.`);
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > this.deps.maxSize()) {
        await res.body.cancel().catch(() => undefined);
        throw new PullError('FileSizeExceeded', `The source file exceeds ${this.deps.maxSize()} bytes.`);
      }
      const blob = await storeBody(
        Readable.fromWeb(res.body as WebReadableStream),
        this.deps.store.newBlobPath(),
        this.deps.maxSize(),
      );
      if (Number.isFinite(declared) && blob.size !== declared) {
        throw new PullError('DownloadFailed', `The download ended after ${blob.size} of ${declared} bytes.`);
      }
      if (this.stopped) return;
      this.finish(job, blob);
    } catch (err) {
      if (this.stopped) return;
      const e = err instanceof PullError ? err : new PullError('InternalError', (err as Error).message);
      job.status = 'FAIL';
      job.errorCode = e.code;
      job.errorMessage = e.message;
      job.completeTime = isoSeconds(this.deps.clock.now());
    } finally {
      this.inFlight.delete(abort);
    }
  }

  /** The pulled file becomes a new video: a fresh media ID each time (VOD documents this). */
  private finish(job: UrlJob, blob: Blob): void {
    const { library, store, bucket, clock } = this.deps;
    const mediaId = hexId(16);
    const now = isoSeconds(clock.now());
    const key = `sv/${hexId(4)}-${Date.now().toString(16)}/${mediaId}.${job.ext}`;
    const fallbackTitle = decodeURIComponent(new URL(job.url).pathname.split('/').pop() ?? '');
    library.add({
      mediaId,
      kind: 'video',
      status: 'Uploading',
      title: job.meta.Title ?? fallbackTitle,
      bucket,
      key,
      description: job.meta.Description,
      tags: job.meta.Tags,
      cateId: job.meta.CateId === undefined ? undefined : Number(job.meta.CateId),
      templateGroupId: job.templateGroupId,
      appId: 'app-1000000',
      userData: job.userData,
      creationTime: now,
      modificationTime: now,
      size: undefined,
      // What a create call would have carried, so tests can read a pulled video's parameters the same way.
      params: Object.fromEntries(
        Object.entries({ ...job.meta, SourceURL: job.url }).map(([k, v]) => [k, String(v)]),
      ),
    });
    store.putObject({
      bucket,
      key,
      size: blob.size,
      etag: md5Etag(blob.md5),
      crc64: blob.crc64,
      contentMd5: blob.md5.toString('base64'),
      type: 'Normal',
      contentType: 'application/octet-stream',
      lastModified: clock.now(),
      segments: [blob],
    });
    library.objectCompleted(bucket, key, blob.size);
    job.mediaId = mediaId;
    job.fileSize = blob.size;
    job.status = 'SUCCESS';
    job.errorCode = '200';
    job.errorMessage = 'Success';
    job.completeTime = now;
  }
}

function describe(job: UrlJob): Record<string, unknown> {
  return {
    JobId: job.jobId,
    UploadURL: job.url,
    Status: job.status,
    MediaId: job.mediaId ?? '',
    FileSize: job.fileSize === undefined ? '' : String(job.fileSize),
    ErrorCode: job.errorCode ?? '',
    ErrorMessage: job.errorMessage ?? '',
    CreationTime: job.creationTime,
    CompleteTime: job.completeTime ?? '',
    UserData: job.userData ?? '',
  };
}
