import { z } from 'zod';
import type { AttachedBusinessType } from '../../../shared/domain/media-kind';
import type { ServerClock } from '../net/server-clock';
import { RpcCaller, type RpcCallerOptions } from './rpc-caller';
import type { IssuedUpload } from './upload-auth';
import {
  cancelUrlUploadJobs,
  getUrlUploadInfos,
  uploadMediaByUrl,
  type UrlUploadBatch,
  type UrlUploadInfo,
} from './url-upload-calls';

export type { UrlUploadBatch, UrlUploadInfo, UrlUploadItem } from './url-upload-calls';

export const VOD_API_VERSION = '2017-03-21';

const RequestId = z.string().optional();
const UploadAnswer = { RequestId, UploadAddress: z.string().min(1), UploadAuth: z.string().min(1) };

const CreateUploadVideoAnswer = z.object({ VideoId: z.string().min(1), ...UploadAnswer });
const CreateUploadImageAnswer = z.object({
  ImageId: z.string().min(1),
  ImageURL: z.string().optional(),
  FileURL: z.string().optional(),
  ...UploadAnswer,
});
const CreateUploadAttachedMediaAnswer = z.object({
  MediaId: z.string().min(1),
  MediaURL: z.string().optional(),
  FileURL: z.string().optional(),
  ...UploadAnswer,
});
const VideoSchema = z.looseObject({
  VideoId: z.string(),
  Title: z.string().optional(),
  Status: z.string().optional(),
  Size: z.number().optional(),
  Duration: z.number().optional(),
  CoverURL: z.string().optional(),
  CreationTime: z.string().optional(),
  StorageLocation: z.string().optional(),
  RegionId: z.string().optional(),
});
const GetVideoInfoAnswer = z.object({ RequestId, Video: VideoSchema });
const GetVideoInfosAnswer = z.object({
  RequestId,
  VideoList: z.array(VideoSchema).optional().default([]),
  NonExistVideoIds: z.array(z.string()).optional().default([]),
});
const PlainAnswer = z.looseObject({ RequestId });
const DeleteVideoAnswer = z.looseObject({
  RequestId,
  NonExistVideoIds: z.array(z.string()).optional(),
  ForbiddenVideoIds: z.array(z.string()).optional(),
});

const DeleteAttachedMediaAnswer = z.looseObject({
  RequestId,
  NonExistMediaIds: z.array(z.string()).optional(),
});
const SearchMediaAnswer = z.looseObject({
  RequestId,
  Total: z.number().optional().default(0),
  MediaList: z
    .array(
      z.looseObject({
        MediaId: z.string(),
        MediaType: z.string().optional(),
        CreationTime: z.string().optional(),
        Video: z.looseObject({}).optional(),
        Audio: z.looseObject({}).optional(),
        Image: z.looseObject({}).optional(),
        AttachedMedia: z.looseObject({}).optional(),
      }),
    )
    .optional()
    .default([]),
});

export type VideoInfo = z.infer<typeof VideoSchema>;

/** SearchMedia's media types (video and audio are both created with CreateUploadVideo). */
export type SearchType = 'video' | 'audio' | 'image' | 'attached';

export interface SearchMediaRequest {
  readonly searchType: SearchType;
  /** VOD's media search protocol, e.g. `Status in ('Uploading') and CreationTime = ('a','b')`. */
  readonly match?: string;
  /** Extra fields of the media to return, e.g. ['Title', 'Status', 'UserData']. */
  readonly fields?: readonly string[];
  readonly pageNo?: number;
  /** At most 100. */
  readonly pageSize?: number;
  readonly sortBy?: 'CreationTime:Desc' | 'CreationTime:Asc';
}

export interface FoundMedia {
  readonly mediaId: string;
  readonly creationTime: string | undefined;
  /** The requested fields, from the result's Video / Audio / Image / AttachedMedia object. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Metadata shared by the three CreateUpload* actions (VOD's own limits are checked by VOD). */
export interface UploadMetadata {
  readonly title: string;
  readonly description?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly cateId?: number | undefined;
  readonly storageLocation?: string | undefined;
  readonly appId?: string | undefined;
  readonly userData?: string | undefined;
}

export interface CreateUploadVideoRequest extends UploadMetadata {
  readonly fileName: string;
  readonly fileSize?: number;
  readonly coverUrl?: string | undefined;
  readonly templateGroupId?: string | undefined;
  readonly workflowId?: string | undefined;
}

export interface CreateUploadImageRequest extends UploadMetadata {
  readonly imageType?: 'default' | 'cover';
  /** png (VOD's default), jpg, jpeg or gif. */
  readonly imageExt?: string;
  readonly originalFileName?: string;
}

export interface CreateUploadAttachedMediaRequest extends UploadMetadata {
  readonly businessType: AttachedBusinessType;
  readonly mediaExt: string;
  readonly fileName?: string;
  readonly fileSize?: number;
}

export type UploadIssuance = IssuedUpload;

export type VodClientOptions = Omit<RpcCallerOptions, 'version'>;

function common(meta: UploadMetadata) {
  return {
    Title: meta.title,
    Description: meta.description,
    Tags: meta.tags && meta.tags.length > 0 ? meta.tags.join(',') : undefined,
    StorageLocation: meta.storageLocation,
    AppId: meta.appId,
    UserData: meta.userData,
  };
}

/**
 * The typed VOD actions the uploader needs, written the way the generated @alicloud/vod20170321 client
 * writes them (that package is not available here). Every method retries transient failures and throws a
 * VodError otherwise.
 */
export class VodClient {
  private readonly rpc: RpcCaller;

  public constructor(options: VodClientOptions) {
    this.rpc = new RpcCaller({ ...options, version: VOD_API_VERSION });
  }

  public get endpointUrl(): string {
    return this.rpc.endpoint.url;
  }

  /** The offset to VOD's clock this client dates its requests with (learned on InvalidTimeStamp.Expired). */
  public get clock(): ServerClock {
    return this.rpc.clock;
  }

  public async createUploadVideo(request: CreateUploadVideoRequest): Promise<UploadIssuance> {
    const answer = await this.rpc.call(
      'CreateUploadVideo',
      {
        ...common(request),
        FileName: request.fileName,
        FileSize: request.fileSize,
        CoverURL: request.coverUrl,
        CateId: request.cateId,
        TemplateGroupId: request.templateGroupId,
        WorkflowId: request.workflowId,
      },
      CreateUploadVideoAnswer,
    );
    return issuance(answer.VideoId, answer);
  }

  public async refreshUploadVideo(videoId: string): Promise<UploadIssuance> {
    const answer = await this.rpc.call(
      'RefreshUploadVideo',
      { VideoId: videoId },
      z.object({ VideoId: z.string().optional(), ...UploadAnswer }),
    );
    return issuance(answer.VideoId ?? videoId, answer);
  }

  public async createUploadImage(request: CreateUploadImageRequest): Promise<UploadIssuance> {
    const answer = await this.rpc.call(
      'CreateUploadImage',
      {
        ...common(request),
        ImageType: request.imageType ?? 'default',
        ImageExt: request.imageExt,
        OriginalFileName: request.originalFileName,
        CateId: request.cateId,
      },
      CreateUploadImageAnswer,
    );
    return issuance(answer.ImageId, answer);
  }

  public async createUploadAttachedMedia(request: CreateUploadAttachedMediaRequest): Promise<UploadIssuance> {
    const answer = await this.rpc.call(
      'CreateUploadAttachedMedia',
      {
        ...common(request),
        BusinessType: request.businessType,
        MediaExt: request.mediaExt,
        FileName: request.fileName,
        // A string in this action's API (reference §1.6); String() below keeps it one.
        FileSize: request.fileSize === undefined ? undefined : String(request.fileSize),
        CateIds: request.cateId === undefined ? undefined : String(request.cateId),
      },
      CreateUploadAttachedMediaAnswer,
    );
    return issuance(answer.MediaId, answer);
  }

  public async getVideoInfo(videoId: string): Promise<{ video: VideoInfo; requestId: string | undefined }> {
    const answer = await this.rpc.call('GetVideoInfo', { VideoId: videoId }, GetVideoInfoAnswer);
    return { video: answer.Video, requestId: answer.RequestId };
  }

  public async getVideoInfos(
    videoIds: readonly string[],
  ): Promise<{ videos: VideoInfo[]; missing: string[] }> {
    const answer = await this.rpc.call(
      'GetVideoInfos',
      { VideoIds: videoIds.join(',') },
      GetVideoInfosAnswer,
    );
    return { videos: answer.VideoList, missing: answer.NonExistVideoIds };
  }

  public async deleteVideo(videoIds: readonly string[]): Promise<{ missing: string[]; forbidden: string[] }> {
    const answer = await this.rpc.call('DeleteVideo', { VideoIds: videoIds.join(',') }, DeleteVideoAnswer);
    return { missing: answer.NonExistVideoIds ?? [], forbidden: answer.ForbiddenVideoIds ?? [] };
  }

  /** UploadMediaByURL (url-upload-calls.ts): VOD's JobId per link, in the order given. */
  public uploadMediaByUrl(batch: UrlUploadBatch): Promise<Array<{ url: string; jobId: string }>> {
    return uploadMediaByUrl(this.rpc, batch);
  }

  /** GetURLUploadInfos by VOD JobId (at most 10 per call). */
  public getUrlUploadInfos(
    jobIds: readonly string[],
  ): Promise<{ infos: UrlUploadInfo[]; missing: string[] }> {
    return getUrlUploadInfos(this.rpc, jobIds);
  }

  /** CancelUrlUploadJobs by VOD JobId (at most 10 per call; only jobs VOD has not started are canceled). */
  public cancelUrlUploadJobs(jobIds: readonly string[]): Promise<{ canceled: string[]; missing: string[] }> {
    return cancelUrlUploadJobs(this.rpc, jobIds);
  }

  /** DeleteImage by ImageId (at most 20 per call). Unknown IDs are not reported by VOD. */
  public async deleteImages(imageIds: readonly string[]): Promise<void> {
    await this.rpc.call(
      'DeleteImage',
      { DeleteImageType: 'ImageId', ImageIds: imageIds.join(',') },
      PlainAnswer,
    );
  }

  /** DeleteAttachedMedia (at most 20 per call); returns the IDs VOD did not know. */
  public async deleteAttachedMedia(mediaIds: readonly string[]): Promise<{ missing: string[] }> {
    const answer = await this.rpc.call(
      'DeleteAttachedMedia',
      { MediaIds: mediaIds.join(',') },
      DeleteAttachedMediaAnswer,
    );
    return { missing: answer.NonExistMediaIds ?? [] };
  }

  /** One page of SearchMedia. */
  public async searchMedia(request: SearchMediaRequest): Promise<{ total: number; media: FoundMedia[] }> {
    const answer = await this.rpc.call(
      'SearchMedia',
      {
        SearchType: request.searchType,
        Match: request.match,
        Fields: request.fields && request.fields.length > 0 ? request.fields.join(',') : undefined,
        PageNo: request.pageNo,
        PageSize: request.pageSize,
        SortBy: request.sortBy,
      },
      SearchMediaAnswer,
    );
    return {
      total: answer.Total,
      media: answer.MediaList.map((m) => ({
        mediaId: m.MediaId,
        creationTime: m.CreationTime,
        fields: m.Video ?? m.Audio ?? m.Image ?? m.AttachedMedia ?? {},
      })),
    };
  }

  /** Deletes the parts of an unfinished upload at once (VOD would otherwise keep them 7 days). */
  public async deleteMultipartUpload(mediaId: string): Promise<{ requestId: string | undefined }> {
    const answer = await this.rpc.call(
      'DeleteMultipartUpload',
      // VOD documents one MediaType: video (audio too). Images and attached media have no such call.
      { MediaId: mediaId, MediaType: 'video' },
      PlainAnswer,
    );
    return { requestId: answer.RequestId };
  }
}

function issuance(
  mediaId: string,
  answer: { RequestId?: string | undefined; UploadAddress: string; UploadAuth: string },
): UploadIssuance {
  return {
    mediaId,
    uploadAddress: answer.UploadAddress,
    uploadAuth: answer.UploadAuth,
    requestId: answer.RequestId,
  };
}
