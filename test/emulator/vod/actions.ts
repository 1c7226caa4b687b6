import { type Principal } from '../accounts';
import { isoSeconds } from '../clock';
import { ServiceError, invalidParameter } from '../http/errors';
import { hexId } from '../ids';
import type { VodContext } from './context';
import { keysOf, type MediaKind, type MediaRecord } from './media';
import { cleanupActions } from './cleanup-actions';
import { searchMedia } from './search-media';
import { issueUploadAuth } from './upload-auth';
import { urlActions } from './url-actions';
import {
  ATTACHED_EXTENSIONS,
  IMAGE_EXTENSIONS,
  VIDEO_EXTENSIONS,
  checkTags,
  checkText,
  checkUserData,
  extensionOf,
  idList,
  optionalInteger,
  required,
} from './validate';

export type { VodContext } from './context';

export const VOD_VERSION = '2017-03-21';

type Params = Readonly<Record<string, string>>;
type Action = (ctx: VodContext, params: Params, principal: Principal) => Record<string, unknown>;

const UPLOAD_ACTIONS = new Set([
  'CreateUploadVideo',
  'RefreshUploadVideo',
  'CreateUploadImage',
  'CreateUploadAttachedMedia',
  'UploadMediaByURL',
]);

function mayUpload(principal: Principal): boolean {
  if (principal.kind === 'ram') return principal.allowUpload;
  return principal.scope.type === 'api' && principal.scope.allowUpload;
}

function checkStorage(ctx: VodContext, params: Params): void {
  const location = params.StorageLocation;
  if (location && location !== `${ctx.bucket}.oss-${ctx.regionId}.aliyuncs.com`) {
    throw new ServiceError(404, 'InvalidStorage.NotFound', 'The specified storage location does not exist.');
  }
}

function newMedia(
  ctx: VodContext,
  kind: MediaKind,
  key: (id: string) => string,
  params: Params,
  mediaId = hexId(16),
): MediaRecord {
  const now = isoSeconds(ctx.clock.now());
  const record: MediaRecord = {
    mediaId,
    kind,
    status: 'Uploading',
    title: params.Title ?? '',
    bucket: ctx.bucket,
    key: key(mediaId),
    description: params.Description,
    tags: params.Tags,
    cateId: optionalInteger(params, 'CateId'),
    templateGroupId: params.TemplateGroupId,
    appId: params.AppId ?? 'app-1000000',
    params: { ...params },
    userData: params.UserData,
    creationTime: now,
    modificationTime: now,
    size: undefined,
  };
  ctx.library.add(record);
  return record;
}

function auth(ctx: VodContext, record: MediaRecord): { UploadAddress: string; UploadAuth: string } {
  return issueUploadAuth(
    {
      accounts: ctx.accounts,
      now: ctx.clock.now(),
      ttlSeconds: ctx.stsTtl(),
      ossEndpoint: ctx.ossEndpoint,
      regionId: ctx.regionId,
    },
    record,
  );
}

/** A video's object key as VOD allocates it: sv/<random>-<time>/<VideoId>.<ext>. */
function videoKey(mediaId: string, ext: string): string {
  return `sv/${hexId(4)}-${Date.now().toString(16)}/${mediaId}.${ext}`;
}

function fileUrl(ctx: VodContext, record: MediaRecord): string {
  return `${ctx.ossEndpoint}/${record.bucket}/${record.key}`;
}

function liveVideo(ctx: VodContext, videoId: string): MediaRecord {
  const record = ctx.library.get(videoId);
  if (!record || record.kind !== 'video') {
    throw new ServiceError(404, 'InvalidVideo.NotFound', 'The video does not exist.');
  }
  return record;
}

function videoInfo(ctx: VodContext, record: MediaRecord): Record<string, unknown> {
  return {
    VideoId: record.mediaId,
    Title: record.title,
    Description: record.description,
    Status: record.status,
    Size: record.size ?? 0,
    Duration: record.status === 'Normal' ? 1 : 0,
    // The cover given at upload, else (assumed, docs/emulator.md) a snapshot once processed, as VOD's default
    // snapshot template makes one.
    CoverURL:
      record.params['CoverURL'] ??
      (record.status === 'Normal'
        ? `${ctx.ossEndpoint}/${record.bucket}/snapshot/${record.mediaId}.jpg`
        : undefined),
    CreationTime: record.creationTime,
    ModificationTime: record.modificationTime,
    CateId: record.cateId,
    Tags: record.tags,
    TemplateGroupId: record.templateGroupId,
    StorageLocation: `${record.bucket}.oss-${ctx.regionId}.aliyuncs.com`,
    RegionId: ctx.regionId,
    AppId: record.appId,
    AuditStatus: 'Normal',
  };
}

const actions: Readonly<Record<string, Action>> = {
  CreateUploadVideo(ctx, params) {
    const title = required(params, 'Title');
    const fileName = required(params, 'FileName');
    checkText('Title', title, 128);
    checkText('Description', params.Description, 1024);
    checkTags(params.Tags);
    checkUserData(params.UserData);
    optionalInteger(params, 'FileSize');
    checkStorage(ctx, params);
    const ext = extensionOf(fileName);
    if (!VIDEO_EXTENSIONS.has(ext)) {
      throw new ServiceError(
        400,
        'InvalidFileName.Extension',
        `The file extension "${ext}" is not supported.`,
      );
    }
    const record = newMedia(ctx, 'video', (id) => videoKey(id, ext), params);
    return { VideoId: record.mediaId, ...auth(ctx, record) };
  },

  RefreshUploadVideo(ctx, params) {
    const record = liveVideo(ctx, required(params, 'VideoId'));
    if (ctx.refreshNewKey() && record.status === 'Uploading') {
      // Assumed behaviour (VOD documents that the address stays the same): the old key's upload is left as
      // it is, and its old credential keeps working until it expires.
      ctx.library.rekey(record, videoKey(record.mediaId, extensionOf(record.key)));
    }
    return { VideoId: record.mediaId, ...auth(ctx, record) };
  },

  CreateUploadImage(ctx, params) {
    const imageType = required(params, 'ImageType');
    if (imageType !== 'default' && imageType !== 'cover') {
      throw invalidParameter('ImageType', 'It must be "default" or "cover".');
    }
    const ext = (params.ImageExt ?? 'png').toLowerCase();
    if (!IMAGE_EXTENSIONS.has(ext)) throw invalidParameter('ImageExt', 'It must be png, jpg, jpeg or gif.');
    checkText('Title', params.Title, 128);
    checkText('Description', params.Description, 1024);
    checkTags(params.Tags);
    checkUserData(params.UserData);
    checkStorage(ctx, params);
    const record = newMedia(ctx, 'image', (id) => `image/${imageType}/${id}-6-2.${ext}`, params);
    const url = fileUrl(ctx, record);
    return { ImageId: record.mediaId, ImageURL: url, FileURL: url, ...auth(ctx, record) };
  },

  CreateUploadAttachedMedia(ctx, params) {
    const businessType = required(params, 'BusinessType');
    const allowed = ATTACHED_EXTENSIONS[businessType];
    if (!allowed) throw invalidParameter('BusinessType', 'It must be watermark, subtitle or material.');
    const ext = (params.MediaExt ?? extensionOf(params.FileName ?? '')).toLowerCase();
    if (!allowed.has(ext)) {
      throw invalidParameter('MediaExt', `"${ext}" is not allowed for ${businessType}.`);
    }
    checkText('Title', params.Title, 128);
    checkText('Description', params.Description, 1024);
    checkTags(params.Tags);
    checkUserData(params.UserData);
    optionalInteger(params, 'FileSize');
    checkStorage(ctx, params);
    const record = newMedia(ctx, 'attached', (id) => `attached/${businessType}/${id}.${ext}`, params);
    const url = fileUrl(ctx, record);
    return { MediaId: record.mediaId, MediaURL: url, FileURL: url, ...auth(ctx, record) };
  },

  GetVideoInfo(ctx, params) {
    return { Video: videoInfo(ctx, liveVideo(ctx, required(params, 'VideoId'))) };
  },

  GetVideoInfos(ctx, params) {
    const found: Record<string, unknown>[] = [];
    const missing: string[] = [];
    for (const id of idList(params, 'VideoIds')) {
      const record = ctx.library.get(id);
      if (record?.kind === 'video') found.push(videoInfo(ctx, record));
      else missing.push(id);
    }
    return { VideoList: found, NonExistVideoIds: missing };
  },

  DeleteVideo(ctx, params) {
    const missing: string[] = [];
    for (const id of idList(params, 'VideoIds')) {
      const record = ctx.library.get(id);
      if (record?.kind !== 'video') {
        missing.push(id);
        continue;
      }
      for (const key of keysOf(record)) {
        ctx.abortUploads(record.bucket, key);
        ctx.deleteObject(record.bucket, key);
      }
      ctx.library.delete(id);
    }
    return { NonExistVideoIds: missing, ForbiddenVideoIds: [] };
  },

  DeleteMultipartUpload(ctx, params) {
    const mediaId = required(params, 'MediaId');
    const mediaType = required(params, 'MediaType');
    if (mediaType !== 'video') throw invalidParameter('MediaType', 'It must be "video".');
    const record = liveVideo(ctx, mediaId);
    for (const key of keysOf(record)) ctx.abortUploads(record.bucket, key);
    return {};
  },

  ...cleanupActions,
  ...urlActions,

  SearchMedia: (ctx, params) => searchMedia(ctx, params),
};

export function isVodAction(action: string): boolean {
  return Object.prototype.hasOwnProperty.call(actions, action);
}

/** Runs a verified VOD call; the result is the JSON body minus RequestId. */
export function runVodAction(
  ctx: VodContext,
  action: string,
  params: Params,
  principal: Principal,
): Record<string, unknown> {
  const handler = actions[action];
  if (!handler) throw new ServiceError(404, 'InvalidAction.NotFound', 'Specified api is not found.');
  // VOD's answer to a RAM identity without permission for the action (an upload credential has none).
  if (
    (principal.kind === 'sts' && principal.scope.type === 'oss') ||
    (UPLOAD_ACTIONS.has(action) && !mayUpload(principal))
  ) {
    throw new ServiceError(
      403,
      'Forbidden.RAM',
      "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
    );
  }
  return handler(ctx, params, principal);
}
