import { powerSaveBlocker } from 'electron';

/**
 * Keeps the system from suspending while uploads run ('prevent-app-suspension' lets the display sleep).
 * `update` is idempotent: one blocker at most, released as soon as the app goes idle or the setting is off.
 */
export class PowerSaveController {
  private blockerId: number | null = null;

  public update(busy: boolean, preventSleep: boolean) {
    const want = busy && preventSleep;
    if (want && this.blockerId === null) {
      this.blockerId = powerSaveBlocker.start('prevent-app-suspension');
    } else if (!want && this.blockerId !== null) {
      powerSaveBlocker.stop(this.blockerId);
      this.blockerId = null;
    }
  }

  public get blocking(): boolean {
    return this.blockerId !== null && powerSaveBlocker.isStarted(this.blockerId);
  }

  public dispose() {
    this.update(false, false);
  }
}
