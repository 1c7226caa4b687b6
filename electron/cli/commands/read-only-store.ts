import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { QUEUE_DB_FILE } from '../../core/app/create-app-services';
import { openDatabase } from '../../core/queue/database';
import { createQueueStore, type QueueStore } from '../../core/queue/queue-store';
import { asConfigError } from '../session';

/**
 * Runs `read` over the queue opened read-only: no engine lock, so `status` and `history` work while the app or
 * another `vod-upload` is uploading (WAL lets readers and the writer run together). Undefined when the data dir
 * has no queue yet.
 */
export function withReadOnlyStore<T>(dataDir: string, read: (store: QueueStore) => T): T | undefined {
  const file = join(dataDir, QUEUE_DB_FILE);
  if (!existsSync(file)) return undefined;
  let database: ReturnType<typeof openDatabase>;
  try {
    database = openDatabase(file, { readonly: true });
  } catch (e) {
    throw asConfigError(e);
  }
  try {
    return read(createQueueStore(database.db));
  } finally {
    database.close();
  }
}
