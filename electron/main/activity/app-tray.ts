import { Menu, nativeImage, Tray } from 'electron';
import type { Activity } from '../../core/app/app-services';
import { trayToolTip } from './activity-view';
import { TRAY_ICON_REPRESENTATIONS } from './tray-icon';

export interface TrayActions {
  pauseAll(): void;
  resumeAll(): void;
  show(): void;
  quit(): void;
}

/** A tray / menu-bar icon with the overall progress in its tooltip and the few commands that matter. */
export class AppTray {
  private readonly tray: Tray;

  public constructor(actions: TrayActions, isMac: boolean) {
    const image = nativeImage.createEmpty();
    for (const representation of TRAY_ICON_REPRESENTATIONS) image.addRepresentation(representation);
    // A template image follows the macOS menu bar's light / dark appearance.
    if (isMac) image.setTemplateImage(true);
    this.tray = new Tray(image);
    this.tray.setToolTip('VOD Uploader');
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Pause All', click: () => actions.pauseAll() },
        { label: 'Resume All', click: () => actions.resumeAll() },
        { type: 'separator' },
        { label: 'Show VOD Uploader', click: () => actions.show() },
        { label: 'Quit', click: () => actions.quit() },
      ]),
    );
    this.tray.on('click', () => actions.show());
  }

  public update(activity: Activity) {
    if (!this.tray.isDestroyed()) this.tray.setToolTip(trayToolTip(activity));
  }

  public dispose() {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }
}
