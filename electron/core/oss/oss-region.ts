import { OssError } from './oss-error';

/**
 * The region a V4 signature is scoped to. VOD's UploadAuth usually names it (`Region`, e.g. cn-shanghai); when
 * it does not, OSS's public and internal endpoints carry it in the host name
 * (`oss-cn-shanghai.aliyuncs.com`, `bucket.oss-cn-shanghai-internal.aliyuncs.com` → `cn-shanghai`).
 */
const ENDPOINT_REGION = /(?:^|\.)oss-([a-z]{2,}(?:-[a-z0-9]+)+?)(?:-internal)?\.aliyuncs\.com$/;

export function regionFromEndpoint(endpoint: string): string | undefined {
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).hostname;
  } catch {
    return undefined;
  }
  const match = ENDPOINT_REGION.exec(host.toLowerCase());
  return match?.[1];
}

/** `oss-cn-shanghai` and `cn-shanghai` both mean cn-shanghai (ali-oss's getStandardRegion). */
function standardRegion(region: string): string {
  return region.trim().replace(/^oss-/, '');
}

/** UploadAuth.Region, else the endpoint's; an OssError that says what is missing when neither gives one. */
export function signingRegion(region: string | undefined, endpoint: string): string {
  if (region !== undefined && region.trim() !== '') return standardRegion(region);
  const derived = regionFromEndpoint(endpoint);
  if (derived !== undefined) return derived;
  throw new OssError(
    'OssRegionUnknown',
    `Cannot sign the upload: VOD's upload credential names no region and the OSS endpoint ${endpoint} ` +
      `does not show one (expected a host like oss-cn-shanghai.aliyuncs.com). OSS signature V4 needs the region.`,
  );
}
