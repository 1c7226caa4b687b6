import { Notification, type BrowserWindow } from 'electron';
import type { EngineEvent } from '../../../shared/domain/engine-events';
import type { Activity } from '../../core/app/app-services';
import { isBusy, progressBarState } from './activity-view';
import type { MainText } from '../i18n/main-text';
import type { AppTray } from './app-tray';
import { BatchNotifier, type BatchNotice } from './batch-notifier';
import { PowerSaveController } from './power-save';

/** Batch notifications kept clickable at most (one is posted per finished batch). */
const MAX_KEPT_NOTIFICATIONS = 8;

export interface PresenterSettings {
  preventSleep: boolean;
  notifications: boolean;
}

/**
 * Shows the engine's coarse activity on the desktop: keeps the machine awake while uploading, drives the
 * taskbar / dock progress bar and the tray tooltip (from the coarse activity), and posts a notification when
 * a batch ends (from the engine's events).
 */
export class ActivityPresenter {
  private readonly power = new PowerSaveController();
  private readonly notifier = new BatchNotifier();
  private last: Activity | null = null;
  /**
   * Notifications that can still be clicked. Electron drops a Notification's click handler once the object is
   * garbage collected, so each is kept here until the user clicks or dismisses it. One that timed out may still
   * be clicked in the notification centre, so it stays too (the oldest go past MAX_KEPT_NOTIFICATIONS).
   */
  private readonly onScreen = new Set<Notification>();

  public constructor(
    private readonly getWindow: () => BrowserWindow | null,
    private readonly tray: AppTray | null,
    private settings: PresenterSettings,
    private readonly onNotificationClick: () => void,
    private text: MainText,
  ) {}

  /** The language changed: later notifications and the tray speak it. */
  public setText(text: MainText) {
    this.text = text;
    this.tray?.setText(text);
  }

  private words(notice: BatchNotice): { title: string; body: string } {
    const { notice: text } = this.text;
    return notice.kind === 'finished'
      ? { title: text.finishedTitle, body: text.finishedBody }
      : { title: text.attentionTitle, body: text.attentionBody(notice.failed) };
  }

  public present(activity: Activity) {
    this.last = activity;
    this.power.update(isBusy(activity), this.settings.preventSleep);
    const win = this.getWindow();
    if (win && !win.isDestroyed()) {
      const { progress, mode } = progressBarState(activity);
      win.setProgressBar(progress, { mode });
    }
    this.tray?.update(activity);
  }

  public onEngineEvent(event: EngineEvent) {
    const notice = this.notifier.next(event);
    if (notice && this.settings.notifications && Notification.isSupported()) {
      const notification = new Notification(this.words(notice));
      const release = () => this.onScreen.delete(notification);
      notification.on('click', () => {
        release();
        this.onNotificationClick();
      });
      notification.on('close', (event) => {
        if (event.reason !== 'timedOut') release();
      });
      notification.on('failed', release);
      this.onScreen.add(notification);
      for (const old of this.onScreen) {
        if (this.onScreen.size <= MAX_KEPT_NOTIFICATIONS) break;
        this.onScreen.delete(old);
      }
      notification.show();
    }
  }

  /** A settings change (e.g. "prevent sleep" switched off mid-upload) takes effect at once. */
  public updateSettings(settings: PresenterSettings) {
    this.settings = settings;
    if (this.last) this.power.update(isBusy(this.last), settings.preventSleep);
  }

  /** How many notifications are still clickable (and so referenced). */
  public get clickableNotifications() {
    return this.onScreen.size;
  }

  public get blockingSleep() {
    return this.power.blocking;
  }

  public dispose() {
    this.power.dispose();
    this.tray?.dispose();
  }
}
