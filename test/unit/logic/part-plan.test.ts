import { describe, expect, it } from 'vitest';
import {
  choosePartSize,
  MAX_PART_SIZE,
  MAX_PARTS,
  MIN_PART_SIZE,
  partRange,
  planParts,
  usesSinglePut,
} from '../../../shared/logic/part-plan';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('part planning', () => {
  it.each([
    [0, 8 * MiB, 8 * MiB, 1],
    [1, 8 * MiB, 8 * MiB, 1],
    [8 * MiB, 8 * MiB, 8 * MiB, 1],
    [8 * MiB + 1, 8 * MiB, 8 * MiB, 2],
    [1 * GiB, 8 * MiB, 8 * MiB, 128],
    [10 * MiB, 1, MIN_PART_SIZE, 103],
    // 200 GiB at 8 MiB would need 25,600 parts: the size is raised to fit 10,000.
    [200 * GiB, 8 * MiB, Math.ceil((200 * GiB) / MAX_PARTS), MAX_PARTS],
  ])('size %d preferring %d → parts of %d, %d parts', (size, preferred, partSize, count) => {
    const plan = planParts(size, preferred);
    expect(plan.partSize).toBe(partSize);
    expect(plan.partCount).toBe(count);
    expect(plan.partCount).toBeLessThanOrEqual(MAX_PARTS);
  });

  it('never exceeds 5 GB parts and refuses objects OSS cannot hold', () => {
    expect(choosePartSize(40 * 1024 * GiB, 8 * GiB)).toBe(MAX_PART_SIZE);
    expect(() => choosePartSize(MAX_PART_SIZE * MAX_PARTS + 1, 8 * MiB)).toThrow(/exceeds/);
    expect(() => choosePartSize(-1, 8 * MiB)).toThrow(/Invalid/);
  });

  it('covers the file exactly with its ranges', () => {
    const plan = planParts(50 * MiB + 123, 8 * MiB);
    let next = 0;
    for (let n = 1; n <= plan.partCount; n++) {
      const range = partRange(plan, n);
      expect(range.offset).toBe(next);
      expect(range.size).toBeGreaterThan(0);
      next += range.size;
    }
    expect(next).toBe(plan.fileSize);
    expect(() => partRange(plan, 0)).toThrow();
    expect(() => partRange(plan, plan.partCount + 1)).toThrow();
  });

  it('sends small files in one PutObject', () => {
    expect(usesSinglePut(5 * MiB, 8 * MiB)).toBe(true);
    expect(usesSinglePut(9 * MiB, 8 * MiB)).toBe(false);
  });
});
