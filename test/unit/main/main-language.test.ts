import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../helpers/fake-electron';
import { fakeAppServices, IDLE } from './fake-app-services';
import { mainWindow, start, UPLOADING } from './start-app';

vi.mock('electron', () => import('../../helpers/fake-electron'));

/** Every menu, tray, notification and dialog label the main process built, depth first. */
function labels(items: readonly fake.FakeMenuItemOptions[] | undefined): string[] {
  return (items ?? []).flatMap((item) => [...(item.label ? [item.label] : []), ...labels(item.submenu)]);
}
const ENGLISH_WORD = /[A-Za-z]{3,}/;
const allowedLatin = (text: string) => text.replace(/VOD/g, '');

describe('the main process speaks the app’s language', () => {
  beforeEach(() => {
    fake.resetFakeElectron();
  });

  it('menus, tray and notifications in Simplified Chinese when the setting says so', async () => {
    const { setActivity, emitEngineEvent } = await start(fakeAppServices({ language: 'zh-CN' }));
    const menu = labels(fake.Menu.applicationMenu?.template);
    expect(menu).toContain('添加文件…');
    for (const label of menu) expect(allowedLatin(label)).not.toMatch(ENGLISH_WORD);
    const tray = fake.FakeTray.instances[0]!;
    for (const label of labels(tray.contextMenu?.template))
      expect(allowedLatin(label)).not.toMatch(ENGLISH_WORD);
    setActivity(UPLOADING);
    expect(tray.toolTip).toBe('VOD 上传工具 — 25% — 2 个上传中，3 个等待中');
    setActivity(IDLE);
    emitEngineEvent({ type: 'job-started', jobId: 'a', resumedFrom: 0 });
    emitEngineEvent({ type: 'job-settled', jobId: 'a', status: { state: 'done', mediaId: 'M1' } });
    emitEngineEvent({ type: 'idle' });
    expect(fake.FakeNotification.shown).toEqual([{ title: '上传完成', body: '队列中的所有文件均已上传。' }]);
  });

  it('"system" follows the OS language list', async () => {
    fake.app.preferredSystemLanguages = ['zh-Hans-CN', 'en-US'];
    await start(fakeAppServices({ language: 'system' }));
    expect(labels(fake.Menu.applicationMenu?.template)).toContain('全部暂停');
  });

  it('switches menus and tray at once when the language setting changes', async () => {
    await start();
    expect(labels(fake.Menu.applicationMenu?.template)).toContain('Add Files…');
    const win = mainWindow();
    const reply = await fake.ipcMain.invoke('settings:set', win.webContents, win.webContents.mainFrame, {
      language: 'zh-CN',
    });
    expect(reply).toMatchObject({ ok: true });
    expect(labels(fake.Menu.applicationMenu?.template)).toContain('添加文件…');
    expect(labels(fake.FakeTray.instances[0]?.contextMenu?.template)).toContain('退出');
  });
});
