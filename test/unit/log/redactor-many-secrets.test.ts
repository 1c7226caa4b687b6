import { afterEach, describe, expect, it, vi } from 'vitest';
import { REDACTED, Redactor } from '../../../electron/core/log/redactor';

/** A credential per file, as a batch registers them: an STS token and a secret each. */
function batchOf(files: number): Redactor {
  const redactor = new Redactor();
  for (let i = 0; i < files; i++) {
    redactor.register(`STS.token-${i}-${'x'.repeat(40)}`);
    redactor.register(`secret${i}${'y'.repeat(20)}`);
  }
  return redactor;
}

describe('Redactor with a batch’s worth of secrets', () => {
  afterEach(() => vi.restoreAllMocks());

  it('does not sort every secret again on each register', () => {
    const sort = vi.spyOn(Array.prototype, 'sort');
    batchOf(500);
    // Before: one sort of the whole list per register (1,000 sorts of up to 3,000 secrets).
    expect(sort.mock.calls.length).toBeLessThan(10);
  });

  it('searches a string once, not once per registered secret', () => {
    const redactor = batchOf(500);
    const includes = vi.spyOn(String.prototype, 'includes');
    const line = 'PutObject failed for clip-0042.mp4 after 3 tries: socket hang up';
    expect(redactor.redactString(line)).toBe(line);
    // Before: `includes` once per registered form: 2,000 calls for one log line.
    expect(includes.mock.calls.length).toBeLessThan(10);
  });

  it('still masks every secret, a longer one whole, in any of its forms', () => {
    const redactor = batchOf(300);
    redactor.register('abcdef123456');
    redactor.register('abcdef123456-and-more');
    const token = `STS.token-299-${'x'.repeat(40)}`;
    const text = [
      `token=${token}`,
      `enc=${encodeURIComponent('secret7' + 'y'.repeat(20))}`,
      `b64=${Buffer.from('secret12' + 'y'.repeat(20)).toString('base64')}`,
      'both abcdef123456-and-more and abcdef123456',
    ].join(' ');
    expect(redactor.redactString(text)).toBe(
      `token=${REDACTED} enc=${REDACTED} b64=${REDACTED} both ${REDACTED} and ${REDACTED}`,
    );
  });
});
