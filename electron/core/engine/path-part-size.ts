import { LONG_PATH_RTT_MS, type PathEstimate } from './adaptive-concurrency';

const MiB = 1024 * 1024;
/** A part should take about this long on one connection: long enough that the round trip is a small share. */
const PART_SECONDS = 2;
/**
 * On a long path a file is cut into at least this many parts, so it can spread over the hard connection cap
 * in two waves and its last wave is short.
 */
const LONG_PATH_PARTS = 256;

/**
 * The part size for a new multipart upload, from what the engine knows of the path: about two seconds of one
 * connection's rate, and on a long path (where one stream is held to a few MB/s and a fast line needs a hundred
 * of them) small enough that the file has parts for all of them. Never above the user's part size (a cap, like
 * the other settings), never below 1 MiB; the plan still raises it to fit OSS's 10,000 parts.
 */
export function partSizeForPath(fileSize: number, preferred: number, path: PathEstimate): number {
  const targets: number[] = [preferred];
  const rate = path.perConnectionBytesPerSecond;
  if (rate !== undefined) targets.push(rate * PART_SECONDS);
  if (path.rttMs !== undefined && path.rttMs >= LONG_PATH_RTT_MS) targets.push(fileSize / LONG_PATH_PARTS);
  const size = Math.floor(Math.min(...targets) / MiB) * MiB;
  return Math.min(preferred, Math.max(MiB, size));
}
