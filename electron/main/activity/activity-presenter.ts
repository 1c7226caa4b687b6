import { Notification, type BrowserWindow } from 'electron';
import type { EngineEvent } from '../../../shared/domain/engine-events';
import type { Activity } from '../../core/app/app-services';
import { isBusy, progressBarState } from './activity-view';
import type { AppTray } from './app-tray';
import { BatchNotifier } from './batch-notifier';
import { PowerSaveController } from './power-save';

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

  public constructor(
    private readonly getWindow: () => BrowserWindow | null,
    private readonly tray: AppTray | null,
    private settings: PresenterSettings,
    private readonly onNotificationClick: () => void,
  ) {}

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
      const notification = new Notification({ title: notice.title, body: notice.body });
      notification.on('click', () => this.onNotificationClick());
      notification.show();
    }
  }

  /** A settings change (e.g. "prevent sleep" switched off mid-upload) takes effect at once. */
  public updateSettings(settings: PresenterSettings) {
    this.settings = settings;
    if (this.last) this.power.update(isBusy(this.last), settings.preventSleep);
  }

  public get blockingSleep() {
    return this.power.blocking;
  }

  public dispose() {
    this.power.dispose();
    this.tray?.dispose();
  }
}
