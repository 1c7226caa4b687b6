import type { TeamQueueConfig, TeamQueueInput, TeamQueueVerdict } from '../../../shared/domain/team';
import { AppError } from '../base/app-error';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { TeamQueueRepository } from '../queue/team-queue-repository';
import type { SecretCipher } from '../secrets/secret-store';
import { probeTeamQueue, readTeamHistory, TEAM_SCHEMA_VERSION } from '../team/team-probe';

/**
 * Settings → Team queue: the connection string is kept without its password (shown back as is), the password
 * encrypted with the app's SecretCipher (safeStorage / the key file, like profile secrets) and registered
 * with the redactor whenever it is read or written, so no log line can carry it. The renderer never gets it.
 */
export interface TeamSettingsService {
  get(): TeamQueueConfig;
  save(input: TeamQueueInput): Promise<TeamQueueConfig>;
  clear(): void;
  /** Tests the saved connection, or `connection` (the form's, unsaved; its password falls back to the saved one). */
  test(connection: TeamQueueInput | undefined, migrate: boolean): Promise<TeamQueueVerdict>;
  history(page: { query: string; limit: number; offset: number }): ReturnType<typeof readTeamHistory>;
}

interface SplitUrl {
  /** The URL without its password. */
  readonly url: string;
  /** The password written in the URL, if any. */
  readonly password: string | undefined;
}

/** Takes the password out of a postgres:// URL; refuses anything that is not one. */
export function splitTeamUrl(raw: string): SplitUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError(
      'TEAM_URL_INVALID',
      'The connection string is not a URL: write it as postgres://user@host:5432/database.',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new AppError(
      'TEAM_URL_INVALID',
      `The connection string must start with postgres:// (it starts with ${url.protocol}//).`,
    );
  if (!url.hostname) throw new AppError('TEAM_URL_INVALID', 'The connection string names no server.');
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.password = '';
  return { url: url.toString(), password };
}

function withPassword(url: string, password: string | undefined): string {
  if (!password) return url;
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}

export function createTeamSettings(deps: {
  readonly repository: TeamQueueRepository;
  readonly cipher: SecretCipher;
  readonly redactor: Redactor;
  readonly logger: Logger;
}): TeamSettingsService {
  const { repository, cipher, redactor, logger } = deps;

  async function storedPassword(): Promise<string | undefined> {
    const ciphertext = repository.get()?.passwordCiphertext;
    if (!ciphertext) return undefined;
    const decrypted = await cipher.decrypt(ciphertext);
    const plain = typeof decrypted === 'string' ? decrypted : decrypted.plain;
    redactor.register(plain);
    return plain;
  }

  /** The input's URL and password: a password in the URL wins, then the field, then (if absent) the saved one. */
  async function resolve(input: TeamQueueInput): Promise<{ url: string; password: string | undefined }> {
    const split = splitTeamUrl(input.url);
    const password =
      split.password ?? (input.password === undefined ? await storedPassword() : input.password);
    if (password) redactor.register(password);
    return { url: split.url, password: password || undefined };
  }

  async function connectionUrl(): Promise<string> {
    const stored = repository.get();
    if (!stored)
      throw new AppError(
        'TEAM_NOT_CONFIGURED',
        'No team queue is set up: add its connection string in Settings → Team queue.',
      );
    return withPassword(stored.url, await storedPassword());
  }

  const view = (): TeamQueueConfig => {
    const stored = repository.get();
    return {
      configured: stored !== undefined,
      url: stored?.url ?? null,
      hasPassword: !!stored?.passwordCiphertext,
    };
  };

  return {
    get: view,

    async save(input) {
      const { url, password } = await resolve(input);
      if (password && !(await cipher.isAvailable())) {
        throw new AppError(
          'SECRET_STORE_UNAVAILABLE',
          'This system offers no way to encrypt secrets (no keychain or keyring), so the team queue password was not saved.',
        );
      }
      repository.set({ url, passwordCiphertext: password ? await cipher.encrypt(password) : null });
      logger.info('team queue connection saved', { url, hasPassword: password !== undefined });
      return view();
    },

    clear() {
      repository.clear();
      logger.info('team queue connection removed');
    },

    async test(connection, migrate) {
      let url: string;
      let logUrl: string;
      try {
        if (connection) {
          const resolved = await resolve(connection);
          url = withPassword(resolved.url, resolved.password);
          logUrl = resolved.url;
        } else {
          url = await connectionUrl();
          logUrl = repository.get()?.url ?? '';
        }
      } catch (e) {
        if (e instanceof AppError && e.code === 'TEAM_URL_INVALID')
          return {
            verdict: 'invalid-url',
            message: e.message,
            schemaVersion: null,
            knownVersion: TEAM_SCHEMA_VERSION,
            applied: [],
            counts: null,
            serverVersion: null,
          };
        throw e;
      }
      const verdict = await probeTeamQueue(url, { migrate });
      logger.info('team queue connection tested', {
        url: logUrl,
        verdict: verdict.verdict,
        message: verdict.message,
      });
      return verdict;
    },

    async history(page) {
      return readTeamHistory(await connectionUrl(), page);
    },
  };
}
