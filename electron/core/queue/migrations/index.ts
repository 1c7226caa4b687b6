import { migration0001 } from './0001-jobs-and-parts';
import { migration0002 } from './0002-profiles';
import { migration0003 } from './0003-history';
import { migration0004 } from './0004-destinations';
import { migration0005 } from './0005-history-tags';
import { migration0006 } from './0006-presets';
import { migration0007 } from './0007-watch-folders';
import { migration0008 } from './0008-media-ledger';
import { migration0009 } from './0009-history-vod-details';
import { migration0010 } from './0010-url-sources';
import { migration0011 } from './0011-team-queue';
import { migration0012 } from './0012-upload-auth-vault';
import { migration0013 } from './0013-watch-folder-counts';
import { migration0014 } from './0014-url-pull-cancels';
import { migration0015 } from './0015-url-origin-modified';
import type { Migration } from './migration';

/**
 * Every schema step, in version order. One file per step, named `NNNN-<what>.ts`.
 *
 * 0002 (profiles) landed after 0003: the runner records each applied step in `schema_migrations`, so a
 * database that already went to version 3 still gets 0002 applied (see migrate.ts); new steps start at 0004.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
];
