import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/core/app/app-services';
import { createAppServices } from '../../../electron/core/app/create-app-services';
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatcher';
import { nullLogger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { invokeChannels, type InvokeChannel, type InvokeRequest } from '../../../shared/ipc/contract';
import { IpcErrorCode } from '../../../shared/ipc/result';
import { noDesktop } from '../../helpers/app-harness';

/**
 * One well-formed request per channel: the fuzz mutates it where the schema looks deepest (a field replaced,
 * removed or added). Typed per channel; a channel added to the contract without a sample fails the first test.
 */
const SAMPLES: { [C in InvokeChannel]?: InvokeRequest<C> } = {
  'queue:add': { paths: ['/tmp/a.mp4'], options: { titleTemplate: '{name}', tags: ['a'] }, force: false },
  'queue:add-urls': { urls: ['https://media.example.com/a.mp4'], options: { tags: ['a'] }, urlMode: 'pull' },
  'queue:check-urls': { urls: ['https://media.example.com/a.mp4'], lists: [], urlMode: 'pull' },
  'queue:list': {},
  'queue:pause': { ids: ['a'] },
  'queue:resume': { ids: ['a'] },
  'queue:cancel': { ids: ['a'], deleteRemote: false },
  'queue:retry': { ids: ['a'] },
  'queue:remove': { ids: ['a'] },
  'queue:upload-again': { ids: ['a'] },
  'queue:reorder': { ids: ['a'], position: 'top' },
  'queue:pause-all': {},
  'queue:resume-all': {},
  'queue:retry-failed': {},
  'queue:clear-finished': {},
  'history:list': { query: 'x', limit: 10, offset: 0 },
  'history:export': { format: 'csv', query: '', ids: ['a'] },
  'profiles:list': {},
  'profiles:save': {
    name: 'Studio',
    region: 'cn-shanghai',
    defaults: { titleTemplate: '{name}', tags: [] },
    credential: { kind: 'sts', mode: 'assume-role', accessKeyId: 'LTAI', roleArn: 'acs:ram::1:role/x' },
  },
  'profiles:delete': { id: 'a' },
  'profiles:test': {
    profile: {
      name: 'Studio',
      region: 'cn-shanghai',
      defaults: { tags: [] },
      credential: { kind: 'auth-service', url: 'https://auth.example/', bearerToken: 't' },
    },
  },
  'presets:list': {},
  'presets:save': { name: 'Daily', options: { cateId: 1, tags: ['a'] } },
  'presets:delete': { name: 'Daily' },
  'presets:export': {},
  'presets:import': { content: '{}' },
  'watch:list': {},
  'watch:add': { path: '/tmp/in', preset: null, rules: [{ subfolder: 'a', tags: [] }], afterUpload: 'leave' },
  'watch:update': { id: 'a', paused: true, afterUpload: 'delete', confirmDelete: true },
  'watch:remove': { id: 'a' },
  'cleanup:check': { profileId: null },
  'cleanup:fix': { profileId: null, includeOthers: false, only: ['m1'] },
  'cleanup:pending': {},
  'cleanup:retry': {},
  'team:get': {},
  'team:save': { url: 'postgres://studio@db.example:5432/vod', password: 'pw' },
  'team:clear': {},
  'team:test': { connection: { url: 'postgres://studio@db.example/vod' }, migrate: false },
  'team:history': { query: 'x', limit: 10, offset: 0 },
  'settings:get': {},
  'settings:set': { filesAtOnce: 2, theme: 'dark' },
  'dialog:open-files': {},
  'dialog:open-folder': {},
  'shell:show-in-folder': { path: '/tmp/a.mp4' },
  'app:pending-paths': {},
};

const CHANNELS = Object.keys(invokeChannels) as InvokeChannel[];

/** Anything a renderer (or a page that took it over) could put in a payload, and worse: no prototype, boxed values, getters. */
const anyValue = fc.anything({
  maxDepth: 3,
  withNullPrototype: true,
  withBoxedValues: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withObjectString: true,
  withUnicodeString: true,
});

type Path = ReadonlyArray<string | number>;

/** Every path into a sample (objects and arrays), the root included. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [at];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => pathsOf((value as Record<string | number, unknown>)[k], [...at, k]))];
}

/** A copy of `value` with `edit` applied at `path` (the root replaced when the path is empty). */
function editAt(value: unknown, path: Path, edit: (node: unknown) => unknown): unknown {
  if (path.length === 0) return edit(value);
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = editAt(copy[head!], rest, edit);
  return copy;
}

const REMOVE = Symbol('remove');

/** A malformed variant of the channel's sample: a node replaced by anything, removed, or given an unknown key. */
function mutated(sample: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(sample);
  return fc.oneof(
    fc
      .record({ path: fc.constantFrom(...paths), value: anyValue })
      .map(({ path, value }) => editAt(sample, path, () => value)),
    fc.constantFrom(...paths.filter((p) => p.length > 0), null).map((path) =>
      path === null
        ? REMOVE
        : editAt(sample, path.slice(0, -1), (parent) => {
            const copy = Array.isArray(parent) ? [...(parent as unknown[])] : { ...(parent as object) };
            delete (copy as Record<string | number, unknown>)[path[path.length - 1]!];
            return copy;
          }),
    ),
    fc
      .record({ path: fc.constantFrom(...paths), key: fc.string({ minLength: 1 }), value: anyValue })
      .map(({ path, key, value }) =>
        editAt(sample, path, (node) =>
          node !== null && typeof node === 'object' && !Array.isArray(node)
            ? { ...node, [key]: value }
            : REMOVE,
        ),
      ),
  );
}

function refused(channel: InvokeChannel, payload: unknown): boolean {
  return !invokeChannels[channel].request.safeParse(payload ?? {}).success;
}

describe('the IPC contract under malformed payloads (fast-check, real services on a temp SQLite file)', () => {
  let root: string;
  let services: AppServices;
  let dispatch: Dispatch;
  const unexpected: unknown[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vod-fuzz-'));
    services = await createAppServices({
      dataDir: join(root, 'data'),
      redactor: new Redactor(),
      logger: nullLogger,
      desktop: noDesktop,
      vodStatusPollMs: 0,
    });
    dispatch = createDispatcher(services.handlers, (e) => unexpected.push(e));
  });

  afterAll(async () => {
    await services?.shutdown();
    await rm(root, { recursive: true, force: true });
  });

  /** The read-only channels answer as before: nothing the fuzz sent broke a service. */
  async function servicesStillAnswer() {
    for (const channel of [
      'queue:list',
      'history:list',
      'profiles:list',
      'settings:get',
      'presets:list',
    ] as const) {
      const result = await dispatch(channel, {});
      expect(result, channel).toMatchObject({ ok: true });
    }
  }

  it('has a well-formed sample for every channel', () => {
    expect(CHANNELS.filter((c) => SAMPLES[c] === undefined)).toEqual([]);
    for (const channel of CHANNELS) expect(refused(channel, SAMPLES[channel]), channel).toBe(false);
  });

  it.each(CHANNELS)(
    '%s: refuses every malformed payload with a validation error, and keeps answering',
    async (channel) => {
      const payloads = fc
        .oneof({ weight: 3, arbitrary: mutated(SAMPLES[channel]) }, { weight: 1, arbitrary: anyValue })
        .filter((payload) => payload !== REMOVE && refused(channel, payload));
      await fc.assert(
        fc.asyncProperty(payloads, async (payload) => {
          const result = await dispatch(channel, payload);
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error.code).toBe(IpcErrorCode.InvalidRequest);
            expect(result.error.message).toMatch(new RegExp(`^Invalid request for ${channel}: `));
          }
        }),
        { numRuns: 200 },
      );
      expect(unexpected).toEqual([]);
      await servicesStillAnswer();
    },
  );

  it('refuses an unknown channel, whatever its name is made of', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyValue.filter((c) => typeof c !== 'string' || !(c in invokeChannels)),
        async (channel) => {
          const result = await dispatch(channel, {});
          expect(result).toMatchObject({ ok: false, error: { code: IpcErrorCode.UnknownChannel } });
        },
      ),
      { numRuns: 200 },
    );
    await servicesStillAnswer();
  });

  it('refuses a payload whose validation throws (a getter that throws) instead of rejecting', async () => {
    const payload = Object.defineProperty({}, 'ids', {
      enumerable: true,
      get() {
        throw new Error('no reading this');
      },
    });
    const result = await dispatch('queue:pause', payload);
    expect(result).toMatchObject({ ok: false, error: { code: IpcErrorCode.InvalidRequest } });
    await servicesStillAnswer();
  });
});
