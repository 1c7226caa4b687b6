import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../electron/core/oss/crc64';
import { OriginError, probeOrigin } from '../../../electron/core/net/origin-client';
import { JobFailure } from '../../../electron/core/engine/job-failure';
import {
  LinkSource,
  originChange,
  type PinnedOrigin,
  type RelaySources,
} from '../../../electron/core/engine/link-source';
import type { EngineJob } from '../../../electron/core/engine/ports';
import { generate, startOrigin, type RunningOrigin } from '../../helpers/http-origin';

/** A url_sources row in memory: what the source pins and reads. */
function memorySources(url: string): RelaySources & { row: Record<string, unknown> } {
  const row: Record<string, unknown> = {
    url,
    mode: 'relay',
    originEtag: null,
    originModified: null,
    originSize: null,
  };
  return {
    row,
    get: () => row as never,
    pinOrigin: (_id, o: PinnedOrigin) => {
      row.originEtag = o.etag;
      row.originModified = o.lastModified;
      row.originSize = o.size;
    },
    unpinOrigin: () => {
      row.originSize = null;
    },
    forgetUrl: () => {
      row.url = null;
    },
  };
}

const job = {} as EngineJob;

async function drain(
  source: LinkSource,
  offset: number,
  size: number,
): Promise<{ bytes: Buffer; crc: string }> {
  const body = source.body(job, { partNumber: 1, offset, size });
  const chunks: Buffer[] = [];
  for await (const c of body.chunks()) chunks.push(Buffer.from(c));
  return { bytes: Buffer.concat(chunks), crc: body.crc64 };
}

describe('relay: reading a link part by part', () => {
  let origin: RunningOrigin;
  const size = 3 * 1024 * 1024 + 123;

  beforeAll(async () => {
    origin = await startOrigin({
      '/a.mp4': { size, seed: 7 },
      '/bare.mp4': { size, seed: 8, bare: true },
      '/drop.mp4': { size, seed: 9 },
      '/change.mp4': { size, seed: 10 },
    });
  });
  afterAll(() => origin.stop());

  it('pins size and ETag with one ranged GET of the first byte', async () => {
    const info = await probeOrigin(`${origin.base}/a.mp4`);
    expect(info).toMatchObject({ size, ranges: true });
    expect(info.etag).toMatch(/^".+"$/);
    const last = origin.log.at(-1)!;
    expect(last).toMatchObject({ path: '/a.mp4', range: 'bytes=0-0', status: 206 });
  });

  it('streams a part with a ranged GET and computes its CRC-64 on the way', async () => {
    const sources = memorySources(`${origin.base}/a.mp4`);
    const source = new LinkSource(sources, 'j', new AbortController().signal);
    await source.check();
    expect(sources.row.originSize).toBe(size);
    expect(source.sequential).toBe(false);
    const offset = 1_000_000;
    const { bytes, crc } = await drain(source, offset, 1_500_000);
    const expected = generate(origin.files.get('/a.mp4')!, offset, offset + 1_500_000);
    expect(bytes.equals(expected)).toBe(true);
    expect(crc).toBe(crc64(expected));
    expect(origin.log.at(-1)).toMatchObject({
      range: `bytes=${offset}-${offset + 1_500_000 - 1}`,
      status: 206,
    });
  });

  it('fails a dropped download as a retryable OriginDropped, and the next reading is whole', async () => {
    const sources = memorySources(`${origin.base}/drop.mp4`);
    const source = new LinkSource(sources, 'j', new AbortController().signal);
    await source.check();
    const file = origin.files.get('/drop.mp4')!;
    file.dropAfter = 300_000;
    file.drops = 1;
    const error = await drain(source, 0, 2_000_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OriginError);
    expect(error).toMatchObject({ code: 'OriginDropped', retryable: true });
    const again = await drain(source, 0, 2_000_000);
    expect(again.crc).toBe(crc64(generate(file, 0, 2_000_000)));
  });

  it('refuses content that changed since it was pinned, saying what changed', async () => {
    const sources = memorySources(`${origin.base}/change.mp4`);
    const source = new LinkSource(sources, 'j', new AbortController().signal);
    await source.check();
    origin.files.get('/change.mp4')!.seed = 11;
    const error = await drain(source, 0, 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailure);
    expect((error as JobFailure).code).toBe('SourceChanged');
    expect((error as JobFailure).message).toMatch(/ETag went from/);
    await expect(source.checkUnchanged()).rejects.toMatchObject({ code: 'SourceChanged' });
    // A later attempt (a resume) checks the pin on record.
    const resumed = new LinkSource(sources, 'j', new AbortController().signal);
    await expect(resumed.check()).rejects.toMatchObject({ code: 'SourceChanged' });
  });

  it('reads an origin that ignores Range as one stream, parts in order, restarting for a part behind', async () => {
    const sources = memorySources(`${origin.base}/bare.mp4`);
    const source = new LinkSource(sources, 'j', new AbortController().signal);
    await source.check();
    expect(source.sequential).toBe(true);
    expect(sources.row.originSize).toBe(size);
    const file = origin.files.get('/bare.mp4')!;
    const gets = (): number => origin.started.filter((l) => l.path === '/bare.mp4').length;
    const before = gets();
    const p1 = await drain(source, 0, 1_000_000);
    const p2 = await drain(source, 1_000_000, 1_000_000);
    expect(p1.bytes.equals(generate(file, 0, 1_000_000))).toBe(true);
    expect(p2.crc).toBe(crc64(generate(file, 1_000_000, 2_000_000)));
    // Both parts came from one GET.
    expect(gets() - before).toBe(1);
    const again = await drain(source, 1_000_000, 1_000_000);
    expect(again.crc).toBe(p2.crc);
    expect(gets() - before).toBe(2);
    expect(origin.started.at(-1)).toMatchObject({ path: '/bare.mp4', range: undefined });
  });

  it('names what changed: size, ETag, or Last-Modified when there is no ETag', () => {
    const pin = { size: 10, etag: '"a"', lastModified: 'x' };
    expect(originChange(pin, { ...pin })).toBeNull();
    expect(originChange(pin, { ...pin, size: 11 })).toMatch(/size went from 10 to 11/);
    expect(originChange(pin, { ...pin, etag: '"b"' })).toMatch(/ETag went from "a" to "b"/);
    expect(originChange({ ...pin, etag: null }, { ...pin, etag: null, lastModified: 'y' })).toMatch(
      /Last-Modified/,
    );
  });
});
