import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildDiagnosticsBundle,
  DIAGNOSTICS_FORMAT,
  readLogTails,
} from '../../../../electron/core/diagnostics/diagnostics-bundle';
import { Redactor } from '../../../../electron/core/log/redactor';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/settings';

const SECRET = 'Zx9secretAccessKeyValue0123456789';
const TOKEN = 'CAIS-sts-token-very-long-0123456789';

function job(extra: Record<string, unknown> = {}) {
  return {
    id: 'j1',
    path: '/media/a.mp4',
    name: 'a.mp4',
    relativeDir: '',
    kind: 'video',
    size: 10,
    bytesDone: 5,
    speed: 0,
    etaSeconds: null,
    status: {
      state: 'failed',
      error: { code: 'X', message: `signature mismatch for ${SECRET}`, retryable: false },
    },
    mediaId: null,
    profileId: 'p1',
    title: 'a',
    position: 1,
    addedAt: 1,
    retryCount: 0,
    lastError: null,
    ...extra,
  };
}

describe('buildDiagnosticsBundle', () => {
  it('contains versions, settings, queue and logs, and no planted secret anywhere', () => {
    const redactor = new Redactor();
    redactor.register(SECRET);
    const bundle = buildDiagnosticsBundle({
      app: {
        name: 'VOD Uploader',
        version: '1.2.3',
        platform: 'linux',
        arch: 'x64',
        versions: { node: '22' },
      },
      // A secret smuggled into settings under an undeclared key, and into a job row.
      settings: { ...DEFAULT_SETTINGS, accessKeySecret: SECRET, proxyPassword: 'hunter2-hunter2' },
      queue: {
        jobs: [job({ uploadAuth: TOKEN })],
        totals: { jobs: 1, active: 0, bytesTotal: 10, bytesDone: 5, speed: 0, etaSeconds: null, counts: {} },
      },
      profiles: [
        {
          id: 'p1',
          name: 'Prod',
          kind: 'access-key',
          region: 'cn-shanghai',
          defaults: { titleTemplate: '{name}', tags: [] },
          accessKeyIdMasked: 'LTAI****abcd',
          hasSecret: true,
          createdAt: 1,
          updatedAt: 1,
          accessKeySecret: SECRET,
        },
      ],
      logs: [
        {
          name: 'main.log',
          content: `{"msg":"request","url":"https://b.oss.aliyuncs.com/x?Signature=abcDEF123%2B"}\nkey ${SECRET}\nAuthorization: Bearer ${TOKEN}\n`,
        },
      ],
      redactor,
      now: Date.UTC(2025, 0, 2),
    });
    const text = JSON.stringify(bundle);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('abcDEF123');
    // The useful parts are still there.
    expect(bundle.format).toBe(DIAGNOSTICS_FORMAT);
    expect(bundle.generatedAt).toBe('2025-01-02T00:00:00.000Z');
    expect(text).toContain('LTAI****abcd');
    expect(text).toContain('/media/a.mp4');
    expect(text).toContain('signature mismatch for [REDACTED]');
    expect((bundle.settings as Record<string, unknown>).filesAtOnce).toBe(DEFAULT_SETTINGS.filesAtOnce);
    expect((bundle.queue as { jobs: unknown[] }).jobs).toHaveLength(1);
  });

  it('drops rows that do not match the contract instead of copying them raw', () => {
    const bundle = buildDiagnosticsBundle({
      app: { name: 'x', version: '1', platform: 'linux', arch: 'x64', versions: {} },
      settings: { secret: SECRET },
      queue: { jobs: [{ id: 'broken', token: TOKEN }], totals: null },
      profiles: [{ accessKeySecret: SECRET }],
      logs: [],
      redactor: new Redactor(),
      now: 0,
    });
    const text = JSON.stringify(bundle);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(bundle.settings).toEqual({ invalid: true });
    expect(bundle.profiles).toEqual([]);
  });
});

describe('readLogTails', () => {
  it('reads the end of each current and rotated log, and tolerates a missing folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vod-logs-'));
    writeFileSync(join(dir, 'main.log'), 'a'.repeat(100) + 'END');
    writeFileSync(join(dir, 'main.log.1'), 'older');
    writeFileSync(join(dir, 'notes.txt'), 'not a log');
    expect(readLogTails(dir, 10)).toEqual([
      { name: 'main.log', content: 'aaaaaaaEND' },
      { name: 'main.log.1', content: 'older' },
    ]);
    expect(readLogTails(join(dir, 'missing'))).toEqual([]);
  });
});
