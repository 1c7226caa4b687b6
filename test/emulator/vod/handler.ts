import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Accounts } from '../accounts';
import { type Clock } from '../clock';
import { readSmallBody } from '../http/body';
import { ServiceError } from '../http/errors';
import { send } from '../http/send';
import { vodRequestId } from '../ids';
import { STS_VERSION, assumeRole } from '../sts';
import { VOD_VERSION, type VodContext, isVodAction, runVodAction } from './actions';
import { type ApiAuthenticator } from './authenticate';

export interface VodServerDeps {
  readonly vod: VodContext;
  readonly accounts: Accounts;
  readonly clock: Clock;
  readonly authenticator: ApiAuthenticator;
  readonly count: (action: string) => void;
  readonly latency: () => number;
}

function json(status: number, body: Record<string, unknown>, requestId: string, now: number) {
  return {
    status,
    headers: {
      'content-type': 'application/json;charset=utf-8',
      'x-acs-request-id': requestId,
      // The server's clock (skew applied): clients learn a clock offset from it.
      date: new Date(now).toUTCString(),
    },
    body: JSON.stringify(body),
  };
}

/** One VOD or STS OpenAPI call, routed by Action + Version. */
export async function handleVod(
  deps: VodServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  fault: { error: 500 | 503 | undefined; throttle: boolean },
): Promise<void> {
  const requestId = vodRequestId();
  const url = new URL(req.url ?? '/', 'http://emulator');
  const query = [...url.searchParams];
  const named = req.headers['x-acs-action'] ?? url.searchParams.get('Action') ?? '';
  const hostId =
    String(named) === 'AssumeRole' ? 'sts.aliyuncs.com' : `vod.${deps.vod.regionId}.aliyuncs.com`;
  let reply;
  try {
    const body = await readSmallBody(req);
    if (named) deps.count(String(named));
    // Throttling is answered with 503, as VOD documents it for its own APIs (the generic gateway uses 400).
    if (fault.throttle)
      throw new ServiceError(503, 'Throttling', 'Request was denied due to request throttling.');
    if (fault.error === 500)
      throw new ServiceError(
        500,
        'InternalError',
        'The request processing has failed due to some unknown error.',
      );
    if (fault.error === 503)
      throw new ServiceError(
        503,
        'ServiceUnavailable',
        'The request has failed due to a temporary failure of the server.',
      );
    const call = deps.authenticator.authenticate({
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      headers: req.headers,
      body,
    });
    let result: Record<string, unknown>;
    if (call.version === VOD_VERSION && isVodAction(call.action)) {
      result = runVodAction(deps.vod, call.action, call.params, call.principal);
    } else if (call.version === STS_VERSION && call.action === 'AssumeRole') {
      result = assumeRole(deps.accounts, deps.clock, call.params, call.principal);
    } else {
      throw new ServiceError(
        404,
        'InvalidAction.NotFound',
        `Specified api is not found: ${call.action} ${call.version}.`,
      );
    }
    reply = json(200, { RequestId: requestId, ...result }, requestId, deps.clock.now());
  } catch (err) {
    const e =
      err instanceof ServiceError
        ? err
        : new ServiceError(500, 'InternalError', `Emulator error: ${(err as Error).message}`);
    reply = json(
      e.status,
      { RequestId: requestId, HostId: hostId, Code: e.code, Message: e.message, ...e.extra },
      requestId,
      deps.clock.now(),
    );
  }
  await send(res, reply, deps.latency());
}
