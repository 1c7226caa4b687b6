import type { IncomingMessage } from 'node:http';
import httpx from 'httpx';
import type { z } from 'zod';
import type { BackoffOptions } from '../../../shared/logic/backoff';
import { nullLogger, type Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import { AppError } from '../base/app-error';
import {
  AuthDeleteResponseSchema,
  AuthErrorResponseSchema,
  AuthIssueResponseSchema,
  AuthStatusResponseSchema,
  type AuthCreateRequest,
  type AuthDeleteRequest,
  type AuthDeleteResponse,
} from './auth-service-protocol';
import { backOffOrThrow } from './call-retry';
import type { IssuedUpload } from './upload-auth';
import { VodError } from './vod-error';

export interface AuthServiceClientOptions {
  /** Base URL; the client POSTs to <url>/create and <url>/refresh and GETs <url>/status. */
  readonly url: string;
  readonly bearerToken?: string | undefined;
  readonly redactor: Redactor;
  /** Whole-request timeout (default 20 s). */
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  readonly logger?: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Talks to the organisation's authorization service (docs/auth-service.md). */
export class AuthServiceClient {
  private readonly base: string;

  public constructor(private readonly options: AuthServiceClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
    options.redactor.register(options.bearerToken);
  }

  public get url(): string {
    return this.base;
  }

  public async create(request: AuthCreateRequest): Promise<IssuedUpload> {
    return this.call('create', 'POST', request, AuthIssueResponseSchema);
  }

  public async refresh(videoId: string): Promise<IssuedUpload> {
    return this.call('refresh', 'POST', { videoId }, AuthIssueResponseSchema);
  }

  /**
   * The optional /delete call. A service that does not offer it (404, 405 or 501) is an AppError
   * AUTH_SERVICE_NO_DELETE that says so plainly: the delete stays owed and shown, never dropped.
   */
  public async deleteMedia(request: AuthDeleteRequest): Promise<AuthDeleteResponse> {
    try {
      return await this.call('delete', 'POST', request, AuthDeleteResponseSchema);
    } catch (error) {
      if (error instanceof VodError && [404, 405, 501].includes(error.httpStatus ?? 0)) {
        throw new AppError(
          'AUTH_SERVICE_NO_DELETE',
          `The authorization service at ${this.base} does not offer deleting media (the optional /delete ` +
            'call, docs/auth-service.md): ask its administrators to add it, or delete these media in the VOD ' +
            `console: ${request.mediaIds.join(', ')}.`,
        );
      }
      throw error;
    }
  }

  public async status(): Promise<z.infer<typeof AuthStatusResponseSchema>> {
    return this.call('status', 'GET', undefined, AuthStatusResponseSchema);
  }

  private async call<T>(
    path: string,
    method: 'GET' | 'POST',
    body: unknown,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const action = `auth-service ${path}`;
    const logger = this.options.logger ?? nullLogger;
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 4);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.once(path, method, body, schema, action);
        logger.debug('auth-service call ok', { action, attempt });
        return result;
      } catch (caught) {
        const error =
          caught instanceof VodError
            ? caught
            : new VodError({
                kind: 'bad-response',
                code: 'AUTH_SERVICE_ERROR',
                message: String(caught),
                action,
              });
        error.attempts = attempt;
        const fields = {
          action,
          attempt,
          code: error.code,
          httpStatus: error.httpStatus,
          requestId: error.requestId,
        };
        await backOffOrThrow(error, attempt, fields, {
          maxAttempts,
          backoff: this.options.backoff,
          sleep: this.options.sleep,
          logger,
          what: 'auth-service call',
        });
      }
    }
  }

  private async once<T>(
    path: string,
    method: 'GET' | 'POST',
    body: unknown,
    schema: z.ZodType<T>,
    action: string,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.bearerToken) headers.authorization = `Bearer ${this.options.bearerToken}`;
    let response: IncomingMessage;
    let text: string;
    try {
      // httpx, like the VOD SDK: requests follow the host's proxy (electron/core/net/openapi-proxy.ts).
      response = await httpx.request(`${this.base}/${path}`, {
        method,
        headers,
        data: body === undefined ? undefined : JSON.stringify(body),
        connectTimeout: Math.min(5_000, this.options.timeoutMs ?? 20_000),
        readTimeout: this.options.timeoutMs ?? 20_000,
      });
      text = String(await httpx.read(response, 'utf8'));
    } catch (e) {
      const timedOut = e instanceof Error && /Timeout/.test(e.name);
      const code = (e as { code?: string }).code;
      return Promise.reject(
        new VodError({
          kind: timedOut ? 'timeout' : 'network',
          code: timedOut ? 'VOD_TIMEOUT' : 'VOD_NETWORK',
          message: timedOut
            ? `The authorization service at ${this.base} did not answer in time.`
            : `Could not reach the authorization service at ${this.base}${code ? ` (${code})` : ''}.`,
          action,
          cause: e,
        }),
      );
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      const parsed = AuthErrorResponseSchema.safeParse(json);
      const code = parsed.success ? parsed.data.code : httpCode(status);
      throw new VodError({
        kind: 'api',
        code,
        message: `The authorization service refused ${path}: ${parsed.success ? parsed.data.message : `HTTP ${status}`}`,
        action,
        httpStatus: status,
        requestId: parsed.success ? parsed.data.requestId : undefined,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new VodError({
        kind: 'bad-response',
        code: 'AUTH_SERVICE_BAD_RESPONSE',
        message: `The authorization service answered ${path} with an unexpected body: ${parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`)
          .join('; ')}`,
        action,
        httpStatus: status,
      });
    }
    return parsed.data;
  }
}

/** A code for a non-JSON error answer, so the retry rules and verdicts still apply. */
function httpCode(status: number): string {
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'NotFound';
  if (status === 429) return 'Throttling';
  if (status >= 500) return 'InternalError';
  return `HTTP${status}`;
}
