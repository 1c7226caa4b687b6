import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security/csp';
import { cspPlugin, PREVIEW_CONNECT_SRC } from '../../../renderer/vite.config';

const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
const metaCsp = (text: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(text)?.[1];

function transform(mode: string, input: string): string {
  const hook = cspPlugin(mode).transformIndexHtml as (html: string) => string;
  return hook(input);
}

describe('renderer CSP', () => {
  it('index.html carries exactly the CSP main sends as a header', () => {
    expect(metaCsp(html)).toBe(CONTENT_SECURITY_POLICY);
  });

  it('has no inline script and no eval', () => {
    expect(metaCsp(html)).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('opens connect-src to the loopback WebSocket only in preview builds', () => {
    expect(metaCsp(transform('production', html))).toBe(CONTENT_SECURITY_POLICY);
    const preview = metaCsp(transform('preview', html)) ?? '';
    expect(preview).toContain(PREVIEW_CONNECT_SRC);
    expect(preview).not.toContain("connect-src 'none'");
    expect(preview.replace(PREVIEW_CONNECT_SRC, "connect-src 'none'")).toBe(CONTENT_SECURITY_POLICY);
  });
});
