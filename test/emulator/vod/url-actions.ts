import { ServiceError, invalidParameter, missingParameter } from '../http/errors';
import type { VodContext } from './context';
import { MAX_URLS_PER_QUERY, decodeUrls } from './url-jobs';

type Params = Readonly<Record<string, string>>;

/** VOD's URL pull: the jobs themselves live in UrlJobs (url-jobs.ts). */
export const urlActions = {
  UploadMediaByURL(ctx: VodContext, params: Params): Record<string, unknown> {
    const location = params.StorageLocation;
    if (location && location !== `${ctx.bucket}.oss-${ctx.regionId}.aliyuncs.com`) {
      throw new ServiceError(
        404,
        'InvalidStorage.NotFound',
        'The specified storage location does not exist.',
      );
    }
    return { UploadJobs: ctx.urlJobs.submit(params) };
  },

  GetURLUploadInfos(ctx: VodContext, params: Params): Record<string, unknown> {
    return ctx.urlJobs.query(params);
  },

  /**
   * Cancels jobs still waiting (Pending): by JobIds, else by UploadUrls (JobIds wins when both are given),
   * at most 10 of either. A job VOD has already started or finished is in neither list of the answer: the
   * documentation says it cannot be canceled but not how that is answered (docs/emulator.md).
   */
  CancelUrlUploadJobs(ctx: VodContext, params: Params): Record<string, unknown> {
    const canceled: string[] = [];
    const nonExists: string[] = [];
    if (params.JobIds) {
      const ids = params.JobIds.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (ids.length > MAX_URLS_PER_QUERY) {
        throw invalidParameter('JobIds', `At most ${MAX_URLS_PER_QUERY} IDs are allowed.`);
      }
      for (const id of ids) {
        const job = ctx.urlJobs.jobs.get(id);
        if (job === undefined) nonExists.push(id);
        else if (ctx.urlJobs.cancelPending(job)) canceled.push(id);
      }
    } else if (params.UploadUrls) {
      for (const url of decodeUrls(params.UploadUrls, 'UploadUrls', MAX_URLS_PER_QUERY)) {
        const matching = [...ctx.urlJobs.jobs.values()].filter((j) => j.url === url);
        if (matching.length === 0) nonExists.push(url);
        for (const job of matching) if (ctx.urlJobs.cancelPending(job)) canceled.push(job.jobId);
      }
    } else {
      throw missingParameter('JobIds');
    }
    return { CanceledJobs: canceled, NonExists: nonExists };
  },
};
