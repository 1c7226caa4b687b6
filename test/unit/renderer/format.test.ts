import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatErrorDetails,
  formatEta,
  formatSpeed,
  percentOf,
} from '../../../renderer/lib/format';

describe('formatBytes', () => {
  it('uses binary units with at most three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(12.5 * 1024 ** 3)).toBe('12.5 GiB');
    expect(formatBytes(512 * 1024 ** 2)).toBe('512 MiB');
    expect(formatBytes(1.2 * 1024 ** 4)).toBe('1.2 TiB');
  });
  it('shows a dash for nonsense instead of NaN', () => {
    expect(formatBytes(Number.NaN)).toBe('–');
    expect(formatBytes(-1)).toBe('–');
  });
});

describe('formatSpeed', () => {
  it('is empty when not moving', () => {
    expect(formatSpeed(0)).toBe('');
    expect(formatSpeed(Number.POSITIVE_INFINITY)).toBe('');
  });
  it('appends /s', () => expect(formatSpeed(8 * 1024 * 1024)).toBe('8 MiB/s'));
});

describe('formatEta', () => {
  it('hides meaningless values', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(undefined)).toBe('');
    expect(formatEta(Number.NaN)).toBe('');
    expect(formatEta(-3)).toBe('');
  });
  it('is compact at every scale', () => {
    expect(formatEta(0.4)).toBe('0 s');
    expect(formatEta(45)).toBe('45 s');
    expect(formatEta(179)).toBe('3 min');
    expect(formatEta(3600)).toBe('1 h');
    expect(formatEta(3900)).toBe('1 h 5 min');
    expect(formatEta(3 * 86400)).toBe('3 d');
  });
});

describe('percentOf', () => {
  it('never claims 100 before the last byte', () => {
    expect(percentOf(999_999, 1_000_000)).toBe(99);
    expect(percentOf(1_000_000, 1_000_000)).toBe(100);
  });
  it('is 0 for an empty total and clamps overshoot', () => {
    expect(percentOf(5, 0)).toBe(0);
    expect(percentOf(20, 10)).toBe(100);
    expect(percentOf(42, 100)).toBe(42);
  });
});

describe('formatErrorDetails', () => {
  it('puts code, message and request id on one line for support', () => {
    expect(formatErrorDetails({ code: 'Forbidden', message: 'No permission', requestId: 'R-1' })).toBe(
      'Forbidden: No permission · RequestId R-1',
    );
    expect(formatErrorDetails({ code: 'SourceChanged', message: 'The file was modified' })).toBe(
      'SourceChanged: The file was modified',
    );
  });
});
