import { type IncomingMessage } from 'node:http';
import { type Clock } from '../clock';
import { type Blob, type OssStore } from './store';
import { type OssTarget } from './target';

/** What the OSS operation handlers need from the emulator. */
export interface OssContext {
  readonly store: OssStore;
  readonly clock: Clock;
  readonly regionId: string;
  readonly ossEndpoint: string;
  /** Tells VOD that an object is complete, so its media moves on from Uploading. */
  readonly objectCompleted: (bucket: string, key: string, size: number) => void;
  /** Streams a PutObject/UploadPart body into the store (bandwidth, counters and reset fault applied). */
  readonly receive: (req: IncomingMessage) => Promise<Blob>;
  /** Leave the CRC-64 out of every answer (x-oss-hash-crc64ecma, ListParts' HashCrc64ecma). */
  readonly omitCrc64: () => boolean;
}

export interface OssRequest {
  readonly req: IncomingMessage;
  readonly target: OssTarget;
  readonly query: ReadonlyMap<string, string>;
}

export const MIN_PART_SIZE = 100 * 1024;
export const MAX_PART_NUMBER = 10_000;
