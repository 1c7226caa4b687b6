import { type Principal } from '../accounts';
import { invalidParameter } from '../http/errors';
import type { VodContext } from './context';
import { keysOf, type MediaKind, type MediaRecord } from './media';
import { idList, required } from './validate';

type Params = Readonly<Record<string, string>>;
type Action = (ctx: VodContext, params: Params, principal: Principal) => Record<string, unknown>;

/**
 * Deleting a media also drops what it left on OSS: its object and any multipart upload still open on its
 * key. VOD documents that for DeleteVideo (it triggers DeleteMultipartUpload); for DeleteImage and
 * DeleteAttachedMedia it is assumed (docs/emulator.md).
 */
function drop(ctx: VodContext, record: MediaRecord): void {
  for (const key of keysOf(record)) {
    ctx.abortUploads(record.bucket, key);
    ctx.deleteObject(record.bucket, key);
  }
  ctx.library.delete(record.mediaId);
}

function ofKind(ctx: VodContext, id: string, kind: MediaKind): MediaRecord | undefined {
  const record = ctx.library.get(id);
  return record?.kind === kind ? record : undefined;
}

export const cleanupActions: Readonly<Record<string, Action>> = {
  /**
   * DeleteImageType ImageId (ImageIds), ImageURL (ImageURLs) or VideoId (VideoId + ImageType: a video's
   * snapshots, which the emulator never makes). Its documented answer has no list of unknown IDs: they are
   * ignored (assumed).
   */
  DeleteImage(ctx, params) {
    const type = required(params, 'DeleteImageType');
    switch (type) {
      case 'ImageId':
        for (const id of idList(params, 'ImageIds')) {
          const record = ofKind(ctx, id, 'image');
          if (record) drop(ctx, record);
        }
        return {};
      case 'ImageURL': {
        const urls = new Set(idList(params, 'ImageURLs'));
        for (const record of [...ctx.library.media.values()]) {
          const url = `${ctx.ossEndpoint}/${record.bucket}/${record.key}`;
          if (record.kind === 'image' && urls.has(url)) drop(ctx, record);
        }
        return {};
      }
      case 'VideoId': {
        required(params, 'VideoId');
        const imageType = required(params, 'ImageType');
        if (
          !['CoverSnapshot', 'NormalSnapshot', 'SpriteSnapshot', 'SpriteOriginSnapshot', 'All'].includes(
            imageType,
          )
        ) {
          throw invalidParameter(
            'ImageType',
            'It must be CoverSnapshot, NormalSnapshot, SpriteSnapshot, SpriteOriginSnapshot or All.',
          );
        }
        return {};
      }
      default:
        throw invalidParameter('DeleteImageType', 'It must be ImageId, ImageURL or VideoId.');
    }
  },

  DeleteAttachedMedia(ctx, params) {
    const missing: string[] = [];
    for (const id of idList(params, 'MediaIds')) {
      const record = ofKind(ctx, id, 'attached');
      if (record) drop(ctx, record);
      else missing.push(id);
    }
    return { NonExistMediaIds: missing };
  },
};
