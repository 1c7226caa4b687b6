import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonFileLogger } from '../../../electron/core/log/json-file-logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { openDatabase, type QueueDatabase } from '../../../electron/core/queue/database';
import { CipherSecretStore } from '../../../electron/core/secrets/cipher-secret-store';
import { KeyFileCipher } from '../../../electron/core/secrets/key-file-cipher';
import type { CredentialRequest } from '../../../electron/core/vod/credential-types';
import { ProfilesService } from '../../../electron/core/vod/profiles-service';
import { VodCredentialService } from '../../../electron/core/vod/vod-credential-service';

/** The credential stack as the app wires it, on a real SQLite file, with a JSON-lines log file. */
export interface Stack {
  readonly dir: string;
  readonly dbFile: string;
  readonly logDir: string;
  readonly queue: QueueDatabase;
  readonly redactor: Redactor;
  readonly logger: JsonFileLogger;
  readonly profiles: ProfilesService;
  readonly credentials: VodCredentialService;
  /** Called before each retry's back-off sleep (which is shortened to 0 ms). */
  onRetry: () => void;
  close(): void;
}

export function createStack(options: { marginMs?: number; stsMarginMs?: number } = {}): Stack {
  const dir = mkdtempSync(join(tmpdir(), 'credentials-'));
  const dbFile = join(dir, 'data', 'app.db');
  const logDir = join(dir, 'logs');
  const queue = openDatabase(dbFile);
  const redactor = new Redactor();
  const logger = new JsonFileLogger({
    file: join(logDir, 'main.log'),
    redactor,
    level: 'debug',
    maxBytes: 4 * 1024,
    maxFiles: 5,
  });
  const stack: Stack = {
    dir,
    dbFile,
    logDir,
    queue,
    redactor,
    logger,
    onRetry: () => undefined,
    profiles: undefined as unknown as ProfilesService,
    credentials: undefined as unknown as VodCredentialService,
    close() {
      logger.close();
      queue.close();
    },
  };
  const profiles = new ProfilesService({
    db: queue.db,
    secrets: new CipherSecretStore(queue.db, new KeyFileCipher(join(dir, 'data', 'secret.key')), redactor),
    redactor,
    logger,
    tuning: {
      connectTimeoutMs: 2_000,
      readTimeoutMs: 5_000,
      maxAttempts: 4,
      backoff: { baseMs: 1, maxMs: 1 },
      sleep: async () => stack.onRetry(),
      stsMarginMs: options.stsMarginMs,
    },
  });
  const credentials = new VodCredentialService({
    issuerFor: (id) => profiles.issuerFor(id),
    redactor,
    logger,
    marginMs: options.marginMs,
  });
  Object.assign(stack, { profiles, credentials });
  return stack;
}

export function jobRequest(
  profileId: string,
  kind: CredentialRequest['kind'],
  mediaId: string | null = null,
): CredentialRequest {
  const fileName = kind === 'video' ? 'clip.mp4' : kind === 'image' ? 'cover.png' : 'subs.srt';
  return {
    jobId: `job-${kind}`,
    kind,
    businessType: kind === 'attached' ? 'subtitle' : undefined,
    profileId,
    mediaId,
    fileName,
    fileSize: 1234,
    title: `Test ${kind}`,
    metadata: { titleTemplate: '{name}', tags: ['a', 'b'], description: 'desc' },
  };
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
