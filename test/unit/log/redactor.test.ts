import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../../electron/core/log/redactor';

describe('Redactor', () => {
  it('masks values under sensitive key names at any depth, whatever the case or separator', () => {
    const r = new Redactor();
    const out = r.redact({
      AccessKeySecret: 'abc',
      nested: {
        security_token: 'tok',
        headers: { Authorization: 'ACS3 x', 'x-oss-security-token': 'CAIS1' },
      },
      UploadAuth: 'eyJ...',
      accessKeyId: 'LTAI5tvisible',
      list: [{ bearerToken: 'b' }],
    });
    expect(out).toEqual({
      AccessKeySecret: REDACTED,
      nested: {
        security_token: REDACTED,
        headers: { Authorization: REDACTED, 'x-oss-security-token': REDACTED },
      },
      UploadAuth: REDACTED,
      accessKeyId: 'LTAI5tvisible',
      list: [{ bearerToken: REDACTED }],
    });
  });

  it('masks a registered secret inside any string, including its URL-encoded and base64 forms', () => {
    const r = new Redactor();
    const secret = 'p/a+ss=word-0123';
    r.register(secret);
    expect(r.redactString(`failed with ${secret} in it`)).toBe(`failed with ${REDACTED} in it`);
    expect(r.redactString(`q=${encodeURIComponent(secret)}`)).toBe(`q=${REDACTED}`);
    expect(r.redactString(Buffer.from(secret).toString('base64'))).toBe(REDACTED);
    expect(r.redact({ message: `x ${secret}` })).toEqual({ message: `x ${REDACTED}` });
  });

  it('masks secrets in error messages, stacks and causes', () => {
    const r = new Redactor();
    r.register('SuperSecretValue');
    const error = new Error('auth SuperSecretValue failed', { cause: new Error('inner SuperSecretValue') });
    const out = JSON.stringify(r.redact({ error }));
    expect(out).not.toContain('SuperSecretValue');
    expect(out).toContain('auth [REDACTED] failed');
  });

  it('masks bearer tokens and signatures it was never told about', () => {
    const r = new Redactor();
    expect(r.redactString('Authorization: Bearer abc.def-123')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(r.redactString('GET /?Signature=abc%2B123&x=1')).toBe(`GET /?Signature=${REDACTED}&x=1`);
  });

  it('masks the user:password of a link', () => {
    const r = new Redactor();
    expect(r.redactString('fetch https://ed:pa55word@cdn.example.com/a.mp4 failed')).toBe(
      `fetch https://${REDACTED}@cdn.example.com/a.mp4 failed`,
    );
    expect(r.redactString('mail bob@example.com, see https://example.com/a@b')).toBe(
      'mail bob@example.com, see https://example.com/a@b',
    );
  });

  it('ignores very short values (masking them would garble every line)', () => {
    const r = new Redactor();
    r.register('abc');
    expect(r.redactString('abcdef')).toBe('abcdef');
  });

  it('survives cycles and binary values', () => {
    const r = new Redactor();
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(r.redact({ a, b: Buffer.from('xyz') })).toEqual({
      a: { name: 'a', self: '[circular]' },
      b: '[binary 3 bytes]',
    });
  });
});
