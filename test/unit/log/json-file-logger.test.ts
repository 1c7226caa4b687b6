import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonFileLogger } from '../../../electron/core/log/json-file-logger';
import { Redactor } from '../../../electron/core/log/redactor';

function lines(file: string) {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('JsonFileLogger', () => {
  it('writes one redacted JSON object per line, with child bindings and level filtering', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    const redactor = new Redactor();
    redactor.register('registered-secret-1');
    const logger = new JsonFileLogger({ file: join(dir, 'app.log'), redactor, level: 'info', now: () => 0 });
    logger.debug('dropped');
    logger.child({ jobId: 'j1' }).info('uploading registered-secret-1', { accessKeySecret: 'zzz', size: 3 });
    logger.close();
    const records = lines(join(dir, 'app.log'));
    expect(records).toEqual([
      {
        time: '1970-01-01T00:00:00.000Z',
        level: 'info',
        message: 'uploading [REDACTED]',
        jobId: 'j1',
        accessKeySecret: '[REDACTED]',
        size: 3,
      },
    ]);
  });

  it('rotates by size and keeps at most maxFiles old files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    const file = join(dir, 'app.log');
    const logger = new JsonFileLogger({ file, redactor: new Redactor(), maxBytes: 200, maxFiles: 2 });
    for (let i = 0; i < 40; i += 1) logger.info('line', { i, pad: 'x'.repeat(40) });
    logger.close();
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    for (const name of readdirSync(dir))
      expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(200);
    const last = lines(file).at(-1)!;
    expect(last.i).toBe(39);
    const previous = lines(`${file}.1`).at(-1)!;
    expect(previous.i).toBe((lines(file)[0]!.i as number) - 1);
  });
});
