import type { ErrorInfo } from '../../../shared/domain/errors';
import type { UrlUploadInfo } from '../vod/vod-client';

/** UploadMediaByURL takes at most 20 links a call; GetURLUploadInfos and CancelUrlUploadJobs 10 JobIds. */
export const PULL_SUBMIT_BATCH = 20;
export const PULL_QUERY_BATCH = 10;

/**
 * How a GetURLUploadInfos status reads: SUCCESS is documented; any status naming a failure or a cancel is
 * an end without a media (VOD's full list of statuses is not documented: docs/emulator.md).
 */
export function pullOutcome(info: UrlUploadInfo): 'done' | 'failed' | 'working' {
  const status = info.Status.toUpperCase();
  if (status.includes('FAIL') || status.includes('CANCEL')) return 'failed';
  if ((status === 'SUCCESS' || status === 'NORMAL') && info.MediaId !== '') return 'done';
  return 'working';
}

export function pullError(info: UrlUploadInfo): ErrorInfo {
  const reason = info.ErrorMessage || info.ErrorCode || info.Status || 'no reason given';
  return {
    code: info.ErrorCode ? `UrlPull.${info.ErrorCode}` : 'UrlPullFailed',
    message: `VOD could not fetch the link: ${reason}`,
  };
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
