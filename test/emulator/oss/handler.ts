import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Accounts } from '../accounts';
import { drainBody } from '../http/body';
import { ServiceError } from '../http/errors';
import { send } from '../http/send';
import { hexId, ossRequestId } from '../ids';
import { authenticateOss } from './authenticate';
import { type OssContext, type OssRequest } from './context';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  initiateMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
} from './multipart';
import { getObject, getObjectMeta, headObject, putObject } from './objects';
import { BODY_OPERATIONS, type OssOperation, operationOf } from './operation';
import { errorReply } from './error-reply';
import { type OssResponse } from './response';
import { checkUploadPolicy, type UploadPolicy } from './policy';
import { resolveTarget } from './target';
import { type ScheduledKind } from '../scheduled';

export interface OssServerDeps extends OssContext {
  readonly accounts: Accounts;
  readonly buckets: ReadonlySet<string>;
  readonly count: (operation: string) => void;
  /** True when a one-off fault of this kind was scheduled for this operation (consumes it). */
  readonly takeScheduled: (kind: ScheduledKind, operation: string) => boolean;
  readonly countBytes: (n: number) => void;
  readonly latency: () => number;
  /** The policy of the upload credentials VOD issues (read per request: tests switch it at run time). */
  readonly uploadPolicy: () => UploadPolicy;
  /** Whether OSS signature V1 is still accepted (read per request). */
  readonly allowV1: () => boolean;
  /** Receives a body, destroying the connection after `resetAfter` bytes when that is set. */
  readonly receiveBody: (
    req: IncomingMessage,
    resetAfter: number | undefined,
    corrupt?: boolean,
  ) => ReturnType<OssContext['receive']>;
}

const handlers: Record<OssOperation, (ctx: OssContext, r: OssRequest) => OssResponse | Promise<OssResponse>> =
  {
    PutObject: putObject,
    InitiateMultipartUpload: initiateMultipartUpload,
    UploadPart: uploadPart,
    CompleteMultipartUpload: completeMultipartUpload,
    AbortMultipartUpload: abortMultipartUpload,
    ListParts: listParts,
    ListMultipartUploads: listMultipartUploads,
    HeadObject: headObject,
    GetObjectMeta: getObjectMeta,
    GetObject: getObject,
  };

/** One OSS request: route, fault, authenticate, scope-check, run, answer. */
export async function handleOss(
  deps: OssServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  fault: { error: 500 | 503 | undefined; resetAt: number | undefined },
): Promise<void> {
  const requestId = ossRequestId();
  const method = req.method ?? 'GET';
  const head = method === 'HEAD';
  let operation: string | undefined;
  let reply: OssResponse;
  try {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const entries = [...url.searchParams];
    const query = new Map(entries);
    const target = resolveTarget(req.headers.host, req.url ?? '/', deps.regionId);
    const op = operationOf(method, target, query);
    operation = op;
    deps.count(op);
    if (fault.error === 500 || deps.takeScheduled('fail', operation))
      throw new ServiceError(500, 'InternalError', 'We encountered an internal error. Please try again.');
    if (fault.error === 503)
      throw new ServiceError(503, 'ServiceUnavailable', 'Please reduce your request rate.');
    const credential = authenticateOss(
      { method, target, query: entries, headers: req.headers },
      deps.accounts,
      deps.clock,
      deps.regionId,
      deps.allowV1(),
    );
    checkUploadPolicy(deps.uploadPolicy(), credential, op, target, query);
    if (!deps.buckets.has(target.bucket)) {
      throw new ServiceError(404, 'NoSuchBucket', 'The specified bucket does not exist.', {
        BucketName: target.bucket,
      });
    }
    const ctx: OssContext = BODY_OPERATIONS.has(operation)
      ? withBodyFaults(deps, req, fault.resetAt, deps.takeScheduled('corrupt', op))
      : deps;
    reply = await handlers[op](ctx, { req, target, query });
    if (deps.takeScheduled('lose-answer', op)) {
      // Applied, never answered: the client sees the connection drop.
      req.socket.destroy();
      return;
    }
    if (deps.takeScheduled('opaque-etag', op) && reply.headers?.['etag'] !== undefined) {
      reply = { ...reply, headers: { ...reply.headers, etag: `"${hexId(16)}-opaque"` } };
    }
  } catch (err) {
    if (req.socket.destroyed) return;
    const serviceError =
      err instanceof ServiceError
        ? err
        : new ServiceError(500, 'InternalError', `Emulator error: ${(err as Error).message}`);
    // Read the rest of the body (counting it) so the client sees the answer instead of a broken pipe.
    await drainBody(req, operation && BODY_OPERATIONS.has(operation) ? deps.countBytes : undefined);
    reply = errorReply(serviceError, requestId, head, hostOf(req.headers.host));
  }
  const headers: Record<string, string | number> = {
    server: 'AliyunOSS',
    date: new Date(deps.clock.now()).toUTCString(),
    'x-oss-request-id': requestId,
    ...reply.headers,
  };
  if (deps.omitCrc64()) delete headers['x-oss-hash-crc64ecma'];
  await send(res, { ...reply, headers }, deps.latency(), head);
}

/**
 * A context whose body receiver destroys the connection part-way when a reset fault was drawn, and stores
 * the body with a bit flipped when a corruption was scheduled.
 */
function withBodyFaults(
  deps: OssServerDeps,
  req: IncomingMessage,
  resetAt: number | undefined,
  corrupt: boolean,
): OssContext {
  if (resetAt === undefined && !corrupt) return deps;
  const length = Number(req.headers['content-length'] ?? 65_536);
  const after =
    resetAt === undefined ? undefined : Math.floor(resetAt * (Number.isFinite(length) ? length : 65_536));
  return { ...deps, receive: (r) => deps.receiveBody(r, after, corrupt) };
}

/** HostId is the Host the request used, without its port (OSS "Error responses"). */
function hostOf(host: string | undefined): string {
  return (host ?? '').replace(/:\d+$/, '') || 'oss-emulator.localhost';
}
