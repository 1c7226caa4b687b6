/**
 * Multipart part planning within OSS's limits: parts of 100 KB .. 5 GB, at most 10,000 of them, every part
 * but the last the same size. The preferred size is raised just enough to fit 10,000 parts.
 */
export const MIN_PART_SIZE = 100 * 1024;
export const MAX_PART_SIZE = 5 * 1024 * 1024 * 1024;
export const MAX_PARTS = 10_000;
/** OSS's limit for a single PutObject; a multipart object can be up to 48.8 TB. */
export const MAX_PUT_OBJECT_SIZE = 5 * 1024 * 1024 * 1024;
export const MAX_OBJECT_SIZE = MAX_PART_SIZE * MAX_PARTS;

export interface PartPlan {
  readonly partSize: number;
  readonly partCount: number;
  readonly fileSize: number;
}

export interface PartRange {
  readonly partNumber: number;
  readonly offset: number;
  readonly size: number;
}

export function choosePartSize(fileSize: number, preferred: number): number {
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) throw new RangeError(`Invalid file size: ${fileSize}`);
  if (fileSize > MAX_OBJECT_SIZE) {
    throw new RangeError(`File of ${fileSize} bytes exceeds OSS's limit of ${MAX_OBJECT_SIZE} bytes`);
  }
  const floor = Math.ceil(fileSize / MAX_PARTS);
  const size = Math.max(Math.floor(preferred), floor, MIN_PART_SIZE);
  return Math.min(size, MAX_PART_SIZE);
}

export function planParts(fileSize: number, preferredPartSize: number): PartPlan {
  const partSize = choosePartSize(fileSize, preferredPartSize);
  const partCount = Math.max(1, Math.ceil(fileSize / partSize));
  return { partSize, partCount, fileSize };
}

export function partRange(plan: PartPlan, partNumber: number): PartRange {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > plan.partCount) {
    throw new RangeError(`Part ${partNumber} is outside 1..${plan.partCount}`);
  }
  const offset = (partNumber - 1) * plan.partSize;
  return { partNumber, offset, size: Math.min(plan.partSize, plan.fileSize - offset) };
}

/** Small files go in one PutObject: fewer round trips, and nothing to resume. */
export function usesSinglePut(fileSize: number, partSize: number): boolean {
  return fileSize <= partSize && fileSize <= MAX_PUT_OBJECT_SIZE;
}
