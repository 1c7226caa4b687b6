import { ServiceError } from '../http/errors';
import type { VodContext } from './context';

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
};
