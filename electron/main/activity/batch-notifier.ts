import type { Activity } from '../../core/app/app-services';
import { isBusy } from './activity-view';

export interface BatchNotice {
  readonly title: string;
  readonly body: string;
}

/**
 * Decides when a batch is over: the app was busy and now is not. It says so once per batch, and says
 * "needs attention" instead of "finished" when jobs failed. It does not notify when the user paused
 * everything (they know), nor on start-up with a queue that was already idle.
 */
export class BatchNotifier {
  private wasBusy = false;
  private failedAtStart = 0;

  public next(activity: Activity): BatchNotice | null {
    const busy = isBusy(activity);
    if (busy && !this.wasBusy) this.failedAtStart = activity.failed;
    const ended = this.wasBusy && !busy;
    this.wasBusy = busy;
    if (!ended) return null;
    const newFailures = activity.failed - this.failedAtStart;
    if (newFailures > 0) {
      return {
        title: 'Uploads need attention',
        body: `${newFailures} ${newFailures === 1 ? 'upload' : 'uploads'} failed. Open VOD Uploader to retry.`,
      };
    }
    if (activity.paused > 0) return null;
    return { title: 'Uploads finished', body: 'Every file in the queue has been uploaded.' };
  }
}
