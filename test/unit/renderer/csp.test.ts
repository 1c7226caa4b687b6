import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../../electron/main/security/csp';
import { cspPlugin, PREVIEW_CONNECT_SRC } from '../../../renderer/vite.config';

const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
const metaCsp = (text: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(text)?.[1];

function transform(mode: string, input: string): string {
  const hook = cspPlugin(mode).transformIndexHtml as (html: string) => string;
  return hook(input);
}

describe('renderer CSP', () => {
  it('index.html carries the CSP main sends as a header, minus frame-ancestors (not allowed in a meta policy)', () => {
    expect(metaCsp(html)).toBe(META_CONTENT_SECURITY_POLICY);
    expect(metaCsp(html)).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('has no inline script and no eval', () => {
    expect(metaCsp(html)).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('opens connect-src to the loopback WebSocket only in preview builds', () => {
    expect(metaCsp(transform('production', html))).toBe(META_CONTENT_SECURITY_POLICY);
    const preview = metaCsp(transform('preview', html)) ?? '';
    expect(preview).toContain(PREVIEW_CONNECT_SRC);
    expect(preview).not.toContain("connect-src 'none'");
    expect(preview.replace(PREVIEW_CONNECT_SRC, "connect-src 'none'")).toBe(META_CONTENT_SECURITY_POLICY);
  });
});
