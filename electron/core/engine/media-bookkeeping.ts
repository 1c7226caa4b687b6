import { abandonUpload } from './abort-upload';
import { MediaJanitor } from './media-janitor';
import type { GrantVault, MediaBookkeeping, MediaLedger, RemoteMedia } from './media-ledger-port';
import type { RunnerContext } from './runner-context';

/** The engine's bookkeeping over a ledger and VOD: one janitor, and aborts signed with the old grant. */
export function mediaBookkeeping(
  media: { readonly ledger: MediaLedger; readonly remote: RemoteMedia; readonly vault?: GrantVault },
  ctx: RunnerContext,
): MediaBookkeeping {
  return {
    ...media,
    janitor: new MediaJanitor(media.ledger, media.remote, ctx.logger),
    abandon: (job, grant) => abandonUpload(ctx, job, grant),
    logger: ctx.logger,
  };
}
