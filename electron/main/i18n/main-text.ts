import type { Activity } from '../../core/app/app-services';
import { resolveLocale, type LanguageSetting, type Locale } from '../../../shared/i18n/locale';

/**
 * Everything the main process shows a user (menus, tray, notifications, dialogs), in each language the
 * renderer speaks. The renderer's dictionaries cannot be imported here (process boundary), and these few
 * texts are the main process's own.
 */
export interface MainText {
  readonly menu: {
    readonly file: string;
    readonly addFiles: string;
    readonly addFolder: string;
    readonly addLinks: string;
    readonly pauseAll: string;
    readonly resumeAll: string;
    readonly help: string;
    readonly exportDiagnostics: string;
    readonly showLogs: string;
  };
  readonly tray: {
    readonly show: string;
    readonly quit: string;
    /** "VOD Uploader — 40% — 2 uploading, 3 waiting". */
    readonly tooltip: (activity: Activity) => string;
  };
  readonly notice: {
    readonly finishedTitle: string;
    readonly finishedBody: string;
    readonly attentionTitle: string;
    readonly attentionBody: (failed: number) => string;
  };
  readonly dialog: {
    readonly exportFailed: string;
    readonly quitBusyMessage: string;
    readonly quitBusyDetail: string;
    readonly pauseAndQuit: string;
    readonly cancel: string;
  };
}

const APP_NAME = { en: 'VOD Uploader', 'zh-CN': 'VOD 上传工具' } as const;

function tooltip(locale: Locale, activity: Activity, words: readonly [string, string, string, string]) {
  const counts = [activity.active, activity.queued, activity.paused, activity.failed];
  const separator = locale === 'en' ? ', ' : '，';
  const parts = counts.flatMap((count, i) => (count > 0 ? [`${count} ${words[i]}`] : []));
  const idle = locale === 'en' ? 'idle' : '空闲';
  if (parts.length === 0) return `${APP_NAME[locale]} — ${idle}`;
  const percent = activity.progress === null ? '' : ` ${Math.floor(activity.progress * 100)}% —`;
  return `${APP_NAME[locale]} —${percent} ${parts.join(separator)}`;
}

const EN: MainText = {
  menu: {
    file: 'File',
    addFiles: 'Add Files…',
    addFolder: 'Add Folder…',
    addLinks: 'Add Links…',
    pauseAll: 'Pause All',
    resumeAll: 'Resume All',
    help: 'Help',
    exportDiagnostics: 'Export Diagnostics…',
    showLogs: 'Show Logs',
  },
  tray: {
    show: 'Show VOD Uploader',
    quit: 'Quit',
    tooltip: (activity) => tooltip('en', activity, ['uploading', 'waiting', 'paused', 'failed']),
  },
  notice: {
    finishedTitle: 'Uploads finished',
    finishedBody: 'Every file in the queue has been uploaded.',
    attentionTitle: 'Uploads need attention',
    attentionBody: (failed) =>
      `${failed} ${failed === 1 ? 'upload' : 'uploads'} failed. Open VOD Uploader to retry.`,
  },
  dialog: {
    exportFailed: 'Export failed',
    quitBusyMessage: 'Uploads are in progress.',
    quitBusyDetail:
      'They will be paused and carry on from where they stopped the next time you open VOD Uploader.',
    pauseAndQuit: 'Pause and Quit',
    cancel: 'Cancel',
  },
};

const ZH_CN: MainText = {
  menu: {
    file: '文件',
    addFiles: '添加文件…',
    addFolder: '添加文件夹…',
    addLinks: '添加链接…',
    pauseAll: '全部暂停',
    resumeAll: '全部继续',
    help: '帮助',
    exportDiagnostics: '导出诊断信息…',
    showLogs: '显示日志',
  },
  tray: {
    show: '显示 VOD 上传工具',
    quit: '退出',
    tooltip: (activity) => tooltip('zh-CN', activity, ['个上传中', '个等待中', '个已暂停', '个失败']),
  },
  notice: {
    finishedTitle: '上传完成',
    finishedBody: '队列中的所有文件均已上传。',
    attentionTitle: '有上传需要处理',
    attentionBody: (failed) => `${failed} 个上传失败。请打开 VOD 上传工具重试。`,
  },
  dialog: {
    exportFailed: '导出失败',
    quitBusyMessage: '正在上传。',
    quitBusyDetail: '上传将暂停，下次打开 VOD 上传工具时会从停止处继续。',
    pauseAndQuit: '暂停并退出',
    cancel: '取消',
  },
};

const TEXTS: Readonly<Record<Locale, MainText>> = { en: EN, 'zh-CN': ZH_CN };

/** The main process's text for the language setting, 'system' following the OS's preferred languages. */
export function mainTextFor(setting: LanguageSetting, systemLanguages: readonly string[]): MainText {
  return TEXTS[resolveLocale(setting, systemLanguages)];
}
