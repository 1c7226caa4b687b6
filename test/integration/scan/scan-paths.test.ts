import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanPaths, type ScanResult } from '../../../electron/core/scan/scan-paths';
import { tempDir } from '../queue/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function tree(files: Record<string, string>): string {
  const { dir, cleanup } = tempDir('vod-scan-');
  cleanups.push(cleanup);
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

const rel = (root: string, r: ScanResult) => ({
  files: r.files.map(
    (f) => `${f.relativeDir}|${f.name}|${f.kind}${f.businessType ? `/${f.businessType}` : ''}`,
  ),
  // Skips are compared as a set: their order follows the locale's collation of punctuation.
  skipped: r.skipped.map((s) => `${s.path.slice(root.length + 1)}: ${s.reason}`).sort(),
});

describe('scanPaths', () => {
  it('walks a dropped folder, keeping paths relative to its parent, in natural order', async () => {
    const root = tree({
      'Rushes/Day1/A010.mov': 'x',
      'Rushes/Day1/A002.mov': 'x',
      'Rushes/Day1/audio/boom.wav': 'x',
      'Rushes/Day2/still.jpg': 'x',
      'Rushes/subs.srt': 'x',
      'Rushes/logo.apng': 'x',
    });
    const result = await scanPaths([join(root, 'Rushes')]);
    expect(rel(root, result)).toEqual({
      files: [
        'Rushes|logo.apng|attached/watermark',
        'Rushes|subs.srt|attached/subtitle',
        'Rushes/Day1|A002.mov|video',
        'Rushes/Day1|A010.mov|video',
        'Rushes/Day1/audio|boom.wav|video',
        'Rushes/Day2|still.jpg|image',
      ],
      skipped: [],
    });
    expect(result.files[0]).toMatchObject({ root, path: join(root, 'Rushes', 'logo.apng'), size: 1 });
  });

  it('keeps a file dropped on its own at the top (empty relative folder)', async () => {
    const root = tree({ 'Day1/A001.mp4': 'abc' });
    const [file] = (await scanPaths([join(root, 'Day1', 'A001.mp4')])).files;
    expect(file).toMatchObject({ root: join(root, 'Day1'), relativeDir: '', name: 'A001.mp4', size: 3 });
  });

  it('skips junk, hidden entries, unsupported types and empty files, saying why', async () => {
    const root = tree({
      'R/.DS_Store': 'x',
      'R/Thumbs.db': 'x',
      'R/desktop.ini': 'x',
      'R/._A001.mov': 'x',
      'R/.hidden.mov': 'x',
      'R/.fcpcache/x.mov': 'x',
      'R/.git/objects/a.mp4': 'x',
      'R/__MACOSX/A001.mov': 'x',
      'R/notes.docx': 'x',
      'R/README': 'x',
      'R/empty.mov': '',
      'R/ok.mov': 'x',
    });
    const result = await scanPaths([join(root, 'R')]);
    expect(rel(root, result)).toEqual({
      files: ['R|ok.mov|video'],
      skipped: [
        'R/.fcpcache: system folder',
        'R/.git: hidden folder',
        'R/__MACOSX: system folder',
        'R/._A001.mov: macOS resource file',
        'R/.DS_Store: system file',
        'R/.hidden.mov: hidden file',
        'R/desktop.ini: system file',
        'R/empty.mov: empty file (0 bytes)',
        'R/notes.docx: .docx files are not accepted by VOD',
        'R/README: no file extension, so VOD cannot tell its type',
        'R/Thumbs.db: system file',
      ].sort(),
    });
    const withHidden = await scanPaths([join(root, 'R')], { includeHidden: true });
    expect(withHidden.files.map((f) => f.name)).toEqual(['.hidden.mov', 'ok.mov', 'a.mp4']);
  });

  it('survives a symbolic link loop and a broken link, and uploads a linked file once', async () => {
    const root = tree({ 'R/Day1/A001.mov': 'x', 'R/Other/B.mov': 'x' });
    symlinkSync(join(root, 'R'), join(root, 'R', 'Day1', 'loop'));
    symlinkSync(join(root, 'R', 'missing.mov'), join(root, 'R', 'broken.mov'));
    symlinkSync(join(root, 'R', 'Day1', 'A001.mov'), join(root, 'R', 'Day1', 'same.mov'));
    symlinkSync(join(root, 'R', 'Other'), join(root, 'R', 'Other-link'));
    const result = await scanPaths([join(root, 'R')]);
    expect(rel(root, result)).toEqual({
      files: ['R/Day1|A001.mov|video', 'R/Other|B.mov|video'],
      skipped: [
        'R/broken.mov: broken link, or removed while scanning',
        'R/Day1/same.mov: already in this batch',
        'R/Day1/loop: symbolic link loop (a link to one of its own parent folders)',
        `R/Other-link: same folder as ${join(root, 'R', 'Other')}, already included`,
      ].sort(),
    });
  });

  it('refuses missing inputs and special files, and dedupes a file dropped with its folder', async () => {
    const root = tree({ 'R/A.mov': 'x' });
    mkfifoSyncSafe(join(root, 'R', 'pipe.mov'));
    const result = await scanPaths([join(root, 'R'), join(root, 'R', 'A.mov'), join(root, 'gone.mov')]);
    expect(result.files.map((f) => f.name)).toEqual(['A.mov']);
    expect(result.skipped.map((s) => s.reason)).toEqual(
      expect.arrayContaining(['no longer exists', 'already in this batch']),
    );
  });

  it('refuses an unreadable file and an unreadable folder (run as an unprivileged user)', async () => {
    const root = tree({ 'R/ok.mov': 'x', 'R/secret.mov': 'x', 'R/locked/in.mov': 'x' });
    await chmod(root, 0o755);
    chmodSync(join(root, 'R'), 0o755);
    chmodSync(join(root, 'R', 'ok.mov'), 0o644);
    chmodSync(join(root, 'R', 'secret.mov'), 0o000);
    chmodSync(join(root, 'R', 'locked'), 0o000);
    const asRoot = process.getuid?.() === 0;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'scan-json.ts'), join(root, 'R')],
      { encoding: 'utf8', ...(asRoot ? { uid: 65534, gid: 65534 } : {}) },
    );
    chmodSync(join(root, 'R', 'locked'), 0o755);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(rel(root, result)).toEqual({
      files: ['R|ok.mov|video'],
      skipped: [
        'R/secret.mov: cannot be read (permission denied)',
        'R/locked: cannot be read (permission denied)',
      ].sort(),
    });
  });

  // The scan reads readability from the mode bits (one stat per file, no access() call: issue 19) and asks
  // access() only when they say no. Owner, group and other bits each decide for their class, as access(2) does.
  it.skipIf(process.getuid?.() !== 0)(
    'judges readability by owner, group and other bits like access(2) (as nobody, uid/gid 65534)',
    async () => {
      const root = tree({
        'R/other-read.mov': 'x',
        'R/group-read.mov': 'x',
        'R/owner-no-group-yes.mov': 'x',
        'R/owner-read.mov': 'x',
        'R/no-one.mov': 'x',
      });
      await chmod(root, 0o755);
      chmodSync(join(root, 'R'), 0o755);
      const set = (name: string, uid: number, gid: number, mode: number) => {
        chownSync(join(root, 'R', name), uid, gid);
        chmodSync(join(root, 'R', name), mode);
      };
      set('other-read.mov', 0, 0, 0o604);
      set('group-read.mov', 0, 65534, 0o640);
      // access(2) uses the owner's bits for the owner, even when the group's would allow.
      set('owner-no-group-yes.mov', 65534, 65534, 0o040);
      set('owner-read.mov', 65534, 0, 0o400);
      set('no-one.mov', 0, 0, 0o660);
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'scan-json.ts'), join(root, 'R')],
        { encoding: 'utf8', uid: 65534, gid: 65534 },
      );
      expect(run.stderr).toBe('');
      expect(rel(root, JSON.parse(run.stdout) as ScanResult)).toEqual({
        files: ['R|group-read.mov|video', 'R|other-read.mov|video', 'R|owner-read.mov|video'],
        skipped: [
          'R/no-one.mov: cannot be read (permission denied)',
          'R/owner-no-group-yes.mov: cannot be read (permission denied)',
        ],
      });
    },
  );

  it('keeps the modification time it read, for the duplicate check', async () => {
    const root = tree({ 'A.mov': 'x' });
    utimesSync(join(root, 'A.mov'), 1_700_000_000, 1_700_000_000);
    const [file] = (await scanPaths([join(root, 'A.mov')])).files;
    expect(file?.mtimeMs).toBe(1_700_000_000_000);
  });
});

function mkfifoSyncSafe(path: string) {
  // No mkfifo in node:fs; the shell's is enough for a test of "not a regular file".
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error('mkfifo failed');
}
