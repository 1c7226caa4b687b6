import * as openapi from '@alicloud/openapi-client';
import * as teaUtil from '@alicloud/tea-util';
import type { z } from 'zod';
import type { BackoffOptions } from '../../../shared/logic/backoff';
import { backOffOrThrow } from './call-retry';
import { nullLogger, type Logger } from '../log/logger';
import { clockAdvice, NEGLIGIBLE_SKEW_MS, ServerClock } from '../net/server-clock';
import type { VodCallerCredential } from '../secrets/caller-credential';
import type { CallerCredentialSource } from './caller-credentials';
import { probeServerTime } from './clock-probe';
import { cjsDefault } from './cjs-interop';
import type { ResolvedEndpoint } from './endpoints';
import { isCallerCredentialError, toVodError, VodError } from './vod-error';

export type QueryValue = string | number | boolean | undefined | null;

interface OpenApiClient {
  callApi(
    params: unknown,
    request: unknown,
    runtime: unknown,
  ): Promise<{ body?: unknown; statusCode?: number }>;
}
type OpenApiClientClass = new (config: unknown) => OpenApiClient;

export interface RpcCallerOptions {
  readonly endpoint: ResolvedEndpoint;
  readonly regionId: string;
  /** API version, e.g. 2017-03-21 for VOD. */
  readonly version: string;
  readonly credentials: CallerCredentialSource;
  /** Default 5 s: the library's 3 s default is too short for a slow link. */
  readonly connectTimeoutMs?: number;
  /** Default 15 s. */
  readonly readTimeoutMs?: number;
  /** Attempts per call, including the first (default 4). */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  readonly logger?: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
  /** The offset to Alibaba Cloud's clock, learned when a call is refused for its time (default: its own). */
  readonly clock?: ServerClock;
  /** Reads the server's time when a call is refused for its time (default: the Date of a GET of the endpoint). */
  readonly probeServerTime?: (
    url: string,
  ) => Promise<{ serverTimeMs: number; localTimeMs: number } | undefined>;
}

/** The gateway's answer to a request dated more than 15 minutes from its clock (reference §1.9). */
export function isClockError(code: string): boolean {
  return /^(InvalidTimeStamp\.Expired|IllegalTimestamp|RequestTimeTooSkewed)$/.test(code);
}

/**
 * One RPC-style Alibaba Cloud OpenAPI call through @alicloud/openapi-client's callApi, the way the generated
 * SDKs do it (reference §2.4): POST "/", every parameter in the query, V3 (ACS3-HMAC-SHA256) signature,
 * JSON body. Adds what the library lacks: real timeouts, retries with jittered backoff on transient failures
 * only, one renewal of a rejected STS credential, typed errors, and zod validation of the answer.
 */
export class RpcCaller {
  public readonly clock: ServerClock;
  /** Whether the server's clock was ever read (an offset of 0 is then a fact, not a default). */
  private clockRead = false;

  public constructor(private readonly options: RpcCallerOptions) {
    this.clock = options.clock ?? new ServerClock();
  }

  public get endpoint(): ResolvedEndpoint {
    return this.options.endpoint;
  }

  public async call<T>(action: string, query: Record<string, QueryValue>, schema: z.ZodType<T>): Promise<T> {
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 4);
    const logger = this.options.logger ?? nullLogger;
    let renewedCredential = false;
    let correctedClock = false;
    for (let attempt = 1; ; attempt += 1) {
      const started = Date.now();
      const datedWith = this.clock.offsetMs;
      let used: VodCallerCredential | undefined;
      try {
        used = await this.options.credentials.get();
        const body = await this.once(action, query, used);
        const parsed = schema.safeParse(body);
        if (!parsed.success) {
          throw new VodError({
            kind: 'bad-response',
            code: 'VOD_BAD_RESPONSE',
            message: `${action}: unexpected answer from ${this.options.endpoint.url}: ${parsed.error.issues
              .slice(0, 3)
              .map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`)
              .join('; ')}`,
            action,
            httpStatus: 200,
            requestId: requestIdOf(body),
          });
        }
        logger.debug('openapi call ok', {
          action,
          attempt,
          ms: Date.now() - started,
          requestId: requestIdOf(body),
        });
        return parsed.data;
      } catch (caught) {
        const error = toVodError(caught, action, this.options.endpoint.url);
        error.attempts = attempt;
        const fields = {
          action,
          attempt,
          code: error.code,
          httpStatus: error.httpStatus,
          requestId: error.requestId,
          ms: Date.now() - started,
        };
        // Refused for its time: learn the server's clock, re-date the request and try once more; if that
        // cannot help, say which clock is off and by how much.
        if (error.kind === 'api' && isClockError(error.code)) {
          if (!correctedClock && (await this.correctClock(datedWith, logger, fields))) {
            correctedClock = true;
            attempt -= 1;
            continue;
          }
          throw clockError(error, this.clockRead ? this.clock.offsetMs : undefined);
        }
        // A renewable (STS) credential that VOD calls stale gets one fresh try, whatever the attempt. `used` is
        // unset when obtaining the credential itself failed (e.g. AssumeRole refused): nothing to renew then.
        if (used && error.kind === 'api' && isCallerCredentialError(error.code) && !renewedCredential) {
          this.options.credentials.invalidate();
          const after = await this.options.credentials.get().catch(() => undefined);
          if (
            after &&
            (after.accessKeyId !== used.accessKeyId || after.securityToken !== used.securityToken)
          ) {
            renewedCredential = true;
            logger.info('openapi credential renewed after rejection', fields);
            attempt -= 1;
            continue;
          }
        }
        await backOffOrThrow(error, attempt, fields, {
          maxAttempts,
          backoff: this.options.backoff,
          sleep: this.options.sleep,
          logger,
          what: 'openapi call',
        });
      }
    }
  }

  /**
   * True when the server's clock, read now (or just learned by a concurrent call), is far enough from the
   * offset the refused request was dated with for a retry to help.
   */
  private async correctClock(
    datedWith: number,
    logger: Logger,
    fields: Record<string, unknown>,
  ): Promise<boolean> {
    if (Math.abs(this.clock.offsetMs - datedWith) >= NEGLIGIBLE_SKEW_MS) return true;
    const probe = this.options.probeServerTime ?? probeServerTime;
    const seen = await probe(this.options.endpoint.url);
    if (seen === undefined) {
      logger.warn('openapi call refused for its time; the server clock could not be read', fields);
      return false;
    }
    this.clock.learn(seen.serverTimeMs, seen.localTimeMs);
    this.clockRead = true;
    logger.warn('openapi call refused for its time; clock offset learned', {
      ...fields,
      offsetMs: this.clock.offsetMs,
    });
    return Math.abs(this.clock.offsetMs - datedWith) >= NEGLIGIBLE_SKEW_MS;
  }

  private async once(
    action: string,
    query: Record<string, QueryValue>,
    credential: VodCallerCredential,
  ): Promise<unknown> {
    const Client = cjsDefault<OpenApiClientClass>(openapi);
    const { Config, OpenApiRequest, Params } = openapi as unknown as Record<
      string,
      new (map: object) => object
    >;
    const { RuntimeOptions } = teaUtil as unknown as Record<string, new (map: object) => object>;
    const client = new Client(
      new Config!({
        accessKeyId: credential.accessKeyId,
        accessKeySecret: credential.accessKeySecret,
        securityToken: credential.securityToken,
        endpoint: this.options.endpoint.host,
        protocol: this.options.endpoint.protocol,
        regionId: this.options.regionId,
        connectTimeout: this.options.connectTimeoutMs ?? 5_000,
        readTimeout: this.options.readTimeoutMs ?? 15_000,
      }),
    );
    const stringQuery: Record<string, string> = {};
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') stringQuery[key] = String(value);
    }
    const response = await client.callApi(
      new Params!({
        action,
        version: this.options.version,
        protocol: this.options.endpoint.protocol.toUpperCase(),
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      }),
      // The request is dated with the server's clock once an offset is known (x-acs-date is signed, and
      // openapi-client lets the request's own headers override its defaults).
      new OpenApiRequest!(
        this.clock.offsetMs === 0
          ? { query: stringQuery }
          : { query: stringQuery, headers: { 'x-acs-date': acsDate(this.clock.now()) } },
      ),
      new RuntimeOptions!({
        connectTimeout: this.options.connectTimeoutMs ?? 5_000,
        readTimeout: this.options.readTimeoutMs ?? 15_000,
        autoretry: false,
      }),
    );
    return response.body;
  }
}

/** x-acs-date: ISO 8601 UTC to the second, as openapi-util's getTimestamp writes it. */
export function acsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function clockError(error: VodError, offsetMs: number | undefined): VodError {
  const refused = new VodError({
    kind: 'api',
    code: error.code,
    message: `${error.action}: Alibaba Cloud refused the request's time (${error.code}). ${clockAdvice(offsetMs)}`,
    action: error.action,
    httpStatus: error.httpStatus,
    requestId: error.requestId,
    cause: error,
  });
  refused.attempts = error.attempts;
  return refused;
}

function requestIdOf(body: unknown): string | undefined {
  const id = (body as { RequestId?: unknown } | null | undefined)?.RequestId;
  return typeof id === 'string' ? id : undefined;
}
