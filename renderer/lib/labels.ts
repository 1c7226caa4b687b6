import type { MediaKind } from '../../shared/domain/media-kind';
import { AUDIO_EXTENSIONS, extensionOf } from '../../shared/logic/classify-file';
import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';

/** What a file is to a person: audio goes up as a VOD video, but is labelled Audio. */
export function kindOf(kind: MediaKind, fileName: string): MediaKind | 'audio' {
  return kind === 'video' && AUDIO_EXTENSIONS.has(extensionOf(fileName)) ? 'audio' : kind;
}

const VOD_STATUSES = [
  'Uploading',
  'UploadSucc',
  'Transcoding',
  'TranscodeFail',
  'Checking',
  'Blocked',
  'Normal',
  'UploadFail',
  'ProduceFail',
  'Deleted',
] as const;

/** VOD's status words (reference §1.8) in the UI's language; an unknown one as VOD wrote it. */
export function vodStatusText(t: Translate, status: string): string {
  return (VOD_STATUSES as readonly string[]).includes(status) ? t(`vod.${status}` as MessageKey) : status;
}
