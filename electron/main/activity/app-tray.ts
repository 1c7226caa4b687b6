import { Menu, nativeImage, Tray } from 'electron';
import type { Activity } from '../../core/app/app-services';
import type { MainText } from '../i18n/main-text';
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
  private last: Activity | null = null;

  public constructor(
    private readonly actions: TrayActions,
    isMac: boolean,
    private text: MainText,
  ) {
    const image = nativeImage.createEmpty();
    for (const representation of TRAY_ICON_REPRESENTATIONS) image.addRepresentation(representation);
    // A template image follows the macOS menu bar's light / dark appearance.
    if (isMac) image.setTemplateImage(true);
    this.tray = new Tray(image);
    this.tray.setToolTip(text.tray.show);
    this.buildMenu();
    this.tray.on('click', () => actions.show());
  }

  public update(activity: Activity) {
    this.last = activity;
    if (!this.tray.isDestroyed()) this.tray.setToolTip(this.text.tray.tooltip(activity));
  }

  /** The language changed: the menu and the tooltip follow at once. */
  public setText(text: MainText) {
    this.text = text;
    if (this.tray.isDestroyed()) return;
    this.buildMenu();
    if (this.last) this.update(this.last);
  }

  public dispose() {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private buildMenu() {
    const { actions, text } = this;
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: text.menu.pauseAll, click: () => actions.pauseAll() },
        { label: text.menu.resumeAll, click: () => actions.resumeAll() },
        { type: 'separator' },
        { label: text.tray.show, click: () => actions.show() },
        { label: text.tray.quit, click: () => actions.quit() },
      ]),
    );
  }
}
