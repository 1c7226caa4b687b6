import { type ServiceError } from '../http/errors';
import { type OssResponse } from './response';
import { document, elements } from './xml';

/**
 * OSS's fine-grained error code (EC) for each refusal, where Alibaba documents it (OSS "Error responses" and
 * the troubleshooting pages named by EC). A refusal can name its own EC in `extra.EC` (one Code, several
 * causes); a cause whose EC we have not found gets PLACEHOLDER_EC (docs/emulator.md says which).
 */
const EC_BY_CODE: Readonly<Record<string, string>> = {
  MalformedXML: '0031-00000001',
  MissingArgument: '0016-00000502',
  NoSuchUpload: '0017-00000244',
  RequestTimeTooSkewed: '0002-00000504',
};

/** Assumed: not an EC OSS uses, so nothing can mistake it for a documented one. */
export const PLACEHOLDER_EC = '0000-00000000';

export function ecOf(error: ServiceError): string {
  return error.extra['EC'] ?? EC_BY_CODE[error.code] ?? PLACEHOLDER_EC;
}

/**
 * The error answer: `<Error>` with Code, Message, RequestId, HostId (the Host the request used), the
 * refusal's own elements, EC and RecommendDoc, plus the x-oss-ec header. HEAD answers carry no body: OSS
 * puts the XML, base64, in x-oss-err.
 */
export function errorReply(err: ServiceError, requestId: string, head: boolean, host: string): OssResponse {
  const ec = ecOf(err);
  const extra = Object.entries(err.extra).filter(([name]) => name !== 'EC');
  const xml = document(
    'Error',
    elements([
      ['Code', err.code],
      ['Message', err.message],
      ['RequestId', requestId],
      ['HostId', host],
      ...extra,
      ['EC', ec],
      ['RecommendDoc', `https://api.aliyun.com/troubleshoot?q=${ec}`],
    ]),
    false,
  );
  const headers = { 'x-oss-ec': ec };
  if (head) {
    return { status: err.status, headers: { ...headers, 'x-oss-err': Buffer.from(xml).toString('base64') } };
  }
  return { status: err.status, headers: { ...headers, 'content-type': 'application/xml' }, body: xml };
}
