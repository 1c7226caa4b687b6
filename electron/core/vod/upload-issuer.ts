import { extname } from 'node:path';
import { AppError } from '../base/app-error';
import type { AuthServiceClient } from './auth-service-client';
import type { AuthCreateRequest } from './auth-service-protocol';
import type { CredentialRequest } from './credential-types';
import type { IssuedUpload } from './upload-auth';
import { withMarker } from './upload-marker';
import type { VodClient } from './vod-client';

/**
 * Who issues UploadAddress/UploadAuth for a profile: the app itself over the VOD API (AccessKey and STS
 * profiles) or the organisation's authorization service.
 */
export interface UploadIssuer {
  /** CreateUploadVideo / CreateUploadImage / CreateUploadAttachedMedia, by the request's kind. */
  create(request: CredentialRequest): Promise<IssuedUpload>;
  /** RefreshUploadVideo: same VideoId, same object key, a fresh credential. */
  refreshVideo(videoId: string): Promise<IssuedUpload>;
}

const IMAGE_EXTS = new Set(['png', 'jpg', 'jpeg', 'gif']);

function extensionOf(fileName: string): string {
  return extname(fileName).slice(1).toLowerCase();
}

/** The request as the authorization-service protocol (and VOD) names it. */
export function toCreateRequest(request: CredentialRequest): AuthCreateRequest {
  const m = request.metadata;
  if (request.kind === 'attached' && !request.businessType) {
    throw new AppError(
      'INVALID_UPLOAD_REQUEST',
      `${request.fileName}: an attached media file needs a business type.`,
    );
  }
  return {
    kind: request.kind,
    businessType: request.kind === 'attached' ? request.businessType : undefined,
    fileName: request.fileName,
    fileSize: request.fileSize,
    title: request.title,
    description: m.description,
    tags: m.tags.length > 0 ? [...m.tags] : undefined,
    cateId: m.cateId,
    templateGroupId: m.templateGroupId,
    workflowId: m.workflowId,
    coverUrl: request.kind === 'video' ? m.coverUrl : undefined,
    imageType: request.kind === 'image' ? m.imageType : undefined,
    storageLocation: m.storageLocation,
    appId: m.appId,
    userData: withMarker(m.userData, request.marker),
  };
}

/** Maps a create request onto the three VOD actions. Shared by the app and the reference auth server. */
export async function issueWithVod(vod: VodClient, request: AuthCreateRequest): Promise<IssuedUpload> {
  const meta = {
    title: request.title,
    description: request.description,
    tags: request.tags,
    cateId: request.cateId,
    storageLocation: request.storageLocation,
    appId: request.appId,
    userData: request.userData,
  };
  switch (request.kind) {
    case 'video':
      return vod.createUploadVideo({
        ...meta,
        fileName: request.fileName,
        fileSize: request.fileSize,
        templateGroupId: request.templateGroupId,
        workflowId: request.workflowId,
        coverUrl: request.coverUrl,
      });
    case 'image': {
      const ext = extensionOf(request.fileName);
      return vod.createUploadImage({
        ...meta,
        imageType: request.imageType ?? 'default',
        imageExt: IMAGE_EXTS.has(ext) ? ext : undefined,
        originalFileName: request.fileName,
      });
    }
    case 'attached': {
      if (!request.businessType) {
        throw new AppError(
          'INVALID_UPLOAD_REQUEST',
          `${request.fileName}: an attached media file needs a business type.`,
        );
      }
      return vod.createUploadAttachedMedia({
        ...meta,
        businessType: request.businessType,
        mediaExt: extensionOf(request.fileName),
        fileName: request.fileName,
        fileSize: request.fileSize,
      });
    }
  }
}

export class VodUploadIssuer implements UploadIssuer {
  public constructor(private readonly vod: VodClient) {}

  public create(request: CredentialRequest): Promise<IssuedUpload> {
    return issueWithVod(this.vod, toCreateRequest(request));
  }

  public refreshVideo(videoId: string): Promise<IssuedUpload> {
    return this.vod.refreshUploadVideo(videoId);
  }
}

export class AuthServiceUploadIssuer implements UploadIssuer {
  public constructor(private readonly client: AuthServiceClient) {}

  public create(request: CredentialRequest): Promise<IssuedUpload> {
    return this.client.create(toCreateRequest(request));
  }

  public refreshVideo(videoId: string): Promise<IssuedUpload> {
    return this.client.refresh(videoId);
  }
}
