import { type Clock, isoSeconds } from '../clock';

export type MediaKind = 'video' | 'image' | 'attached';

export interface MediaRecord {
  readonly mediaId: string;
  readonly kind: MediaKind;
  status: string;
  readonly title: string;
  readonly bucket: string;
  /** Mutable: RefreshUploadVideo may move an unfinished video to a new key (refreshNewKey). */
  key: string;
  /** Keys a rekeyed video had before; DeleteVideo and DeleteMultipartUpload clean them up too. */
  formerKeys?: string[];
  readonly description: string | undefined;
  readonly tags: string | undefined;
  readonly cateId: number | undefined;
  readonly templateGroupId: string | undefined;
  readonly appId: string;
  /** Every parameter of the create call as received (common RPC parameters and signature left out). */
  readonly params: Readonly<Record<string, string>>;
  /** The UserData JSON string sent with CreateUpload* (callbacks, and the uploader's own marker). */
  readonly userData: string | undefined;
  readonly creationTime: string;
  modificationTime: string;
  size: number | undefined;
}

/** The media's object key and any it had before RefreshUploadVideo moved it. */
export function keysOf(record: MediaRecord): string[] {
  return [record.key, ...(record.formerKeys ?? [])];
}

/**
 * The media library: every VideoId / ImageId / MediaId issued and its status. A completed upload moves a
 * video Uploading → UploadSucc → Transcoding → Normal, one `transcodeDelay` per step; images and attached
 * media go straight to Normal.
 */
export class MediaLibrary {
  readonly media = new Map<string, MediaRecord>();
  private readonly byObject = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly clock: Clock,
    private readonly transcodeDelay: () => number,
  ) {}

  add(record: MediaRecord): void {
    this.media.set(record.mediaId, record);
    this.byObject.set(`${record.bucket}/${record.key}`, record.mediaId);
  }

  /** Points a record at a new object key; the old key no longer belongs to any media. */
  rekey(record: MediaRecord, key: string): void {
    this.byObject.delete(`${record.bucket}/${record.key}`);
    record.formerKeys = [...(record.formerKeys ?? []), record.key];
    record.key = key;
    record.modificationTime = isoSeconds(this.clock.now());
    this.byObject.set(`${record.bucket}/${key}`, record.mediaId);
  }

  /** A live (not deleted) record. */
  get(mediaId: string): MediaRecord | undefined {
    return this.media.get(mediaId);
  }

  delete(mediaId: string): void {
    const record = this.media.get(mediaId);
    if (!record) return;
    this.media.delete(mediaId);
    this.byObject.delete(`${record.bucket}/${record.key}`);
    this.cancelTimer(mediaId);
  }

  /** Called by OSS when an object is completed (PutObject or CompleteMultipartUpload). */
  objectCompleted(bucket: string, key: string, size: number): void {
    const id = this.byObject.get(`${bucket}/${key}`);
    const record = id ? this.media.get(id) : undefined;
    if (!record) return;
    record.size = size;
    this.cancelTimer(record.mediaId);
    if (record.kind !== 'video') {
      this.setStatus(record, 'Normal');
      return;
    }
    this.setStatus(record, 'UploadSucc');
    if (record.templateGroupId === 'VOD_NO_TRANSCODE') {
      this.setStatus(record, 'Normal');
      return;
    }
    this.schedule(record, () => {
      this.setStatus(record, 'Transcoding');
      this.schedule(record, () => this.setStatus(record, 'Normal'));
    });
  }

  /** Finishes every pending transcode at once (tests need not wait for `transcodeDelay`). */
  finishTranscoding(): void {
    for (const id of [...this.timers.keys()]) {
      const record = this.media.get(id);
      this.cancelTimer(id);
      if (record) this.setStatus(record, 'Normal');
    }
  }

  /** Resolves once no transcode is pending. */
  whenIdle(): Promise<void> {
    if (this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    for (const id of [...this.timers.keys()]) this.cancelTimer(id);
  }

  private schedule(record: MediaRecord, step: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(record.mediaId);
      step();
      this.notifyIdle();
    }, this.transcodeDelay());
    this.timers.set(record.mediaId, timer);
  }

  private cancelTimer(mediaId: string): void {
    const timer = this.timers.get(mediaId);
    if (timer) clearTimeout(timer);
    this.timers.delete(mediaId);
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.timers.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private setStatus(record: MediaRecord, status: string): void {
    record.status = status;
    record.modificationTime = isoSeconds(this.clock.now());
  }
}
