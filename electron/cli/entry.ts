import { main } from './main';

/**
 * What `vod-upload` runs (bin/vod-upload.mjs imports the bundle of this file, out/cli/vod-upload.mjs): one
 * command, then the process's exit status.
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  const code = await main(argv);
  process.exitCode = code;
  // A finished run must not be kept alive by a straggler (a keep-alive socket, a worker): the timer is unref'd,
  // so it only fires if something else still holds the event loop.
  setTimeout(() => process.exit(code), 2000).unref();
}
