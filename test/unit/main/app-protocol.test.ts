import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../helpers/fake-electron';

vi.mock('electron', () => import('../../helpers/fake-electron'));

const { handleAppProtocol, resolveAppFile } = await import('../../../electron/main/security/app-protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../../electron/main/security/csp');

const DIR = '/opt/app/out/renderer';

describe('app:// protocol', () => {
  beforeEach(() => fake.resetFakeElectron());

  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppFile(DIR, 'app://vod-uploader/index.html')).toBe(join(DIR, 'index.html'));
    expect(resolveAppFile(DIR, 'app://vod-uploader/')).toBe(join(DIR, 'index.html'));
    expect(resolveAppFile(DIR, 'app://vod-uploader/assets/index-1.js?v=2#x')).toBe(
      join(DIR, 'assets', 'index-1.js'),
    );
  });

  it('refuses other hosts, other schemes and every way out of the folder', () => {
    expect(resolveAppFile(DIR, 'app://other/index.html')).toBeNull();
    expect(resolveAppFile(DIR, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppFile(DIR, 'app://vod-uploader/assets/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppFile(DIR, 'app://vod-uploader/..%5c..%5cetc')).not.toBe('/opt/app/etc');
    expect(resolveAppFile(DIR, 'app://vod-uploader/%00')).toBeNull();
    expect(resolveAppFile(DIR, 'app://vod-uploader/%E0%A4%A')).toBeNull();
    expect(resolveAppFile(DIR, 'not a url')).toBeNull();
    // Dot segments the URL parser resolves itself stay inside the folder.
    for (const url of [
      'app://vod-uploader/../../etc/passwd',
      'app://vod-uploader/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const file = resolveAppFile(DIR, url);
      expect(file === null || file.startsWith(`${DIR}/`)).toBe(true);
    }
  });

  it('serves files with the CSP header and answers 404 outside the folder', async () => {
    handleAppProtocol(DIR);
    const handler = fake.protocol.handlers.get('app')!;
    fake.net.files.set(pathToFileURL(join(DIR, 'index.html')).toString(), '<html></html>');
    const ok = await handler(new Request('app://vod-uploader/index.html'));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('<html></html>');
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const escaped = await handler(new Request('app://vod-uploader/assets/..%2f..%2f..%2fetc%2fpasswd'));
    expect(escaped.status).toBe(404);
    expect(fake.net.fetched).toEqual([pathToFileURL(join(DIR, 'index.html')).toString()]);
  });

  it('the CSP allows no inline script, no eval, no remote code and no network from the page', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
