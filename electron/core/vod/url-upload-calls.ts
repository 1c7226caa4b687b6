import { z } from 'zod';
import type { RpcCaller } from './rpc-caller';

/**
 * VOD's upload from URLs (pull): UploadMediaByURL, GetURLUploadInfos and CancelUrlUploadJobs, as the
 * VodClient makes them. Each URL is URL-encoded before the commas join them, as the API asks.
 */

const RequestId = z.string().optional();

const UploadMediaByUrlAnswer = z.looseObject({
  RequestId,
  UploadJobs: z.array(z.looseObject({ JobId: z.string().min(1), SourceURL: z.string().optional() })),
});
const UrlUploadInfoSchema = z.looseObject({
  JobId: z.string(),
  UploadURL: z.string().optional(),
  Status: z.string().optional().default(''),
  MediaId: z.string().optional().default(''),
  FileSize: z.union([z.string(), z.number()]).optional(),
  ErrorCode: z.string().optional().default(''),
  ErrorMessage: z.string().optional().default(''),
});
const GetUrlUploadInfosAnswer = z.looseObject({
  RequestId,
  URLUploadInfoList: z.array(UrlUploadInfoSchema).optional().default([]),
  NonExists: z.array(z.string()).optional().default([]),
});
const CancelUrlUploadJobsAnswer = z.looseObject({
  RequestId,
  CanceledJobs: z.array(z.string()).optional().default([]),
  NonExists: z.array(z.string()).optional().default([]),
});

export type UrlUploadInfo = z.infer<typeof UrlUploadInfoSchema>;

/** One link for UploadMediaByURL, with its own metadata (UploadMetadatas). */
export interface UrlUploadItem {
  readonly url: string;
  readonly title: string;
  readonly description?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly cateId?: number | undefined;
  readonly templateGroupId?: string | undefined;
  readonly workflowId?: string | undefined;
}

/** Call-level parameters of one UploadMediaByURL batch. */
export interface UrlUploadBatch {
  readonly items: readonly UrlUploadItem[];
  readonly storageLocation?: string | undefined;
  readonly appId?: string | undefined;
  readonly userData?: string | undefined;
}

/** UploadMediaByURL: VOD fetches each link itself (at most 20 per call). Its JobId per link, in order. */
export async function uploadMediaByUrl(
  rpc: RpcCaller,
  batch: UrlUploadBatch,
): Promise<Array<{ url: string; jobId: string }>> {
  const metadatas = batch.items.map((item) => ({
    SourceURL: item.url,
    Title: item.title,
    ...(item.description ? { Description: item.description } : {}),
    ...(item.tags && item.tags.length > 0 ? { Tags: item.tags.join(',') } : {}),
    ...(item.cateId !== undefined ? { CateId: item.cateId } : {}),
    ...(item.templateGroupId ? { TemplateGroupId: item.templateGroupId } : {}),
    ...(item.workflowId ? { WorkflowId: item.workflowId } : {}),
  }));
  const answer = await rpc.call(
    'UploadMediaByURL',
    {
      UploadURLs: batch.items.map((item) => encodeURIComponent(item.url)).join(','),
      UploadMetadatas: JSON.stringify(metadatas),
      StorageLocation: batch.storageLocation,
      AppId: batch.appId,
      UserData: batch.userData,
    },
    UploadMediaByUrlAnswer,
  );
  // Matched by SourceURL where VOD echoes it; by position otherwise.
  const byUrl = new Map(answer.UploadJobs.map((j) => [j.SourceURL ?? '', j.JobId]));
  return batch.items.map((item, i) => {
    const jobId = byUrl.get(item.url) ?? answer.UploadJobs[i]?.JobId;
    if (jobId === undefined) throw new Error(`UploadMediaByURL returned no job for link ${i + 1}`);
    return { url: item.url, jobId };
  });
}

/** GetURLUploadInfos by VOD JobId (at most 10 per call). */
export async function getUrlUploadInfos(
  rpc: RpcCaller,
  jobIds: readonly string[],
): Promise<{ infos: UrlUploadInfo[]; missing: string[] }> {
  const answer = await rpc.call('GetURLUploadInfos', { JobIds: jobIds.join(',') }, GetUrlUploadInfosAnswer);
  return { infos: answer.URLUploadInfoList, missing: answer.NonExists };
}

/**
 * CancelUrlUploadJobs by VOD JobId (at most 10 per call). VOD cancels only jobs still Pending: a job it has
 * started is in neither list of the answer, and may still make a media (the caller keeps watching it).
 */
export async function cancelUrlUploadJobs(
  rpc: RpcCaller,
  jobIds: readonly string[],
): Promise<{ canceled: string[]; missing: string[] }> {
  const answer = await rpc.call(
    'CancelUrlUploadJobs',
    { JobIds: jobIds.join(',') },
    CancelUrlUploadJobsAnswer,
  );
  return { canceled: answer.CanceledJobs, missing: answer.NonExists };
}
