import { join } from 'node:path';
import type { InvokeChannel, InvokeRequest, InvokeResponse } from '../../shared/ipc/contract';
import { AppError } from '../core/base/app-error';
import type { AppServices, DesktopHooks } from '../core/app/app-services';
import type { TeamBridgeSetup } from '../core/app/team-bridge';
import { createAppServices } from '../core/app/create-app-services';
import { createDispatcher } from '../core/ipc/dispatcher';
import { JsonFileLogger } from '../core/log/json-file-logger';
import { Redactor } from '../core/log/redactor';
import { proxyForUrl } from '../core/net/proxy-env';
import { loadHeadlessCredential } from '../core/secrets/headless-credentials';
import { LazyCredentialSource, type CallerCredentialSource } from '../core/vod/caller-credentials';
import { resolveVodEndpoint } from '../core/vod/endpoints';
import { CliError } from './cli-error';

/** The CLI's log, beside the queue (the desktop app logs to the OS log folder instead). */
export const CLI_LOG_FILE = join('logs', 'cli.log');

const noDesktop: DesktopHooks = {
  openFiles: async () => [],
  openFolder: async () => [],
  showInFolder: async () => undefined,
};

export interface SessionOptions {
  readonly dataDir: string;
  /** Region and endpoint for jobs without a profile (the headless credentials). */
  readonly fallback?: { readonly region: string; readonly endpoint: string | undefined };
  /** The process environment: HTTPS_PROXY / HTTP_PROXY / NO_PROXY route the engine's uploads. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Test hook: shorter stall detection etc. */
  readonly stallTimeoutMs?: number;
  /** Watch folders: a file is complete once unchanged this long. */
  readonly watchSettleMs?: number;
  /** The run's redactor, when secrets were loaded before the session (the team queue's password). */
  readonly redactor?: Redactor;
  /** A team worker: claims from the team queue on PostgreSQL (vod-upload worker, upload --queue). */
  readonly team?: TeamBridgeSetup;
}

/**
 * An open data dir: the app's public services (engine not started), driven through the contract as a
 * renderer would, plus the few headless hooks AppServices offers (events, start, run limits).
 */
export interface Session {
  readonly dataDir: string;
  readonly services: AppServices;
  readonly redactor: Redactor;
  /** The headless credentials, resolved on first use (undefined when no fallback was asked for). */
  readonly headless: CallerCredentialSource | undefined;
  /** Calls a contract channel; a refusal becomes an AppError with the service's code and message. */
  call<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  close(): Promise<void>;
}

/**
 * Opens the queue in `dataDir` with the engine idle. A region or endpoint VOD cannot use, or a data dir another
 * VOD Uploader is using (DB_IN_USE), is a configuration error: exit 2 with the service's message.
 */
export async function openSession(options: SessionOptions): Promise<Session> {
  const redactor = options.redactor ?? new Redactor();
  let headless: CallerCredentialSource | undefined;
  if (options.fallback) {
    try {
      resolveVodEndpoint(options.fallback.region, options.fallback.endpoint);
    } catch (e) {
      throw asConfigError(e);
    }
    headless = new LazyCredentialSource(() => loadHeadlessCredential(redactor));
  }
  const logger = new JsonFileLogger({ file: join(options.dataDir, CLI_LOG_FILE), redactor });
  let services: AppServices;
  try {
    services = await createAppServices({
      dataDir: options.dataDir,
      redactor,
      logger,
      desktop: noDesktop,
      autoStart: false,
      vodStatusPollMs: 0,
      ...(options.team ? { team: options.team } : {}),
      // Test hook: how often VOD is asked about links it pulls (default 5 s).
      ...(Number(options.env?.['VOD_UPLOADER_URL_POLL_MS']) > 0
        ? { urlPollMs: Number(options.env?.['VOD_UPLOADER_URL_POLL_MS']) }
        : {}),
      ...(options.env ? { resolveProxy: proxyFromEnv(options.env) } : {}),
      ...(options.fallback && headless
        ? {
            fallbackCredentials: {
              region: options.fallback.region,
              ...(options.fallback.endpoint ? { endpoint: options.fallback.endpoint } : {}),
              credentials: headless,
            },
          }
        : {}),
      engine: {
        ...(options.stallTimeoutMs ? { stallTimeoutMs: options.stallTimeoutMs } : {}),
        ...(options.env ? ossSignatureFromEnv(options.env) : {}),
      },
    });
  } catch (e) {
    logger.close();
    throw asConfigError(e);
  }
  const dispatch = createDispatcher(services.handlers, (e) =>
    logger.error('cli call failed', { error: String(e) }),
  );
  let closing: Promise<void> | undefined;
  return {
    dataDir: options.dataDir,
    services,
    redactor,
    headless,
    async call(channel, request) {
      const result = await dispatch(channel, request);
      if (!result.ok) {
        throw new AppError<string>(result.error.code, result.error.message, {
          ...(result.error.requestId ? { requestId: result.error.requestId } : {}),
        });
      }
      return result.value as never;
    },
    close() {
      closing ??= services.shutdown().finally(() => logger.close());
      return closing;
    },
  };
}

/**
 * VOD_UPLOADER_OSS_SIGNATURE=v1 is the legacy setting for accounts and buckets that still take OSS signature
 * V1; unset or `v4` signs V4. Anything else is a configuration error rather than a silent default.
 */
export function ossSignatureFromEnv(env: Readonly<Record<string, string | undefined>>): {
  ossSignatureVersion?: 'v1' | 'v4';
} {
  const raw = env['VOD_UPLOADER_OSS_SIGNATURE']?.trim().toLowerCase();
  if (raw === undefined || raw === '') return {};
  if (raw === 'v1' || raw === 'v4') return { ossSignatureVersion: raw };
  throw new CliError(
    `VOD_UPLOADER_OSS_SIGNATURE must be v4 (the default) or v1 (legacy accounts and buckets), not '${raw}'.`,
  );
}

function proxyFromEnv(env: Readonly<Record<string, string | undefined>>) {
  return (url: string) => Promise.resolve(proxyForUrl(url, env));
}

/** An AppError raised while setting up is the user's to fix: exit 2 with its message. */
export function asConfigError(e: unknown): unknown {
  if (e instanceof AppError) return new CliError(e.message);
  return e;
}
