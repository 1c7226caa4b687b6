import { homedir } from 'node:os';

/** A writable text stream (process.stdout/stderr, or a buffer in tests). */
export interface TextOut {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
  readonly rows?: number | undefined;
}

/** Everything the CLI touches of its process, so commands can run in-process in tests. */
export interface CliIo {
  readonly stdout: TextOut;
  readonly stderr: TextOut;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly homeDir: string;
  readonly cwd: string;
  /** Subscribes to SIGINT and SIGTERM; returns the unsubscribe. */
  onInterrupt(listener: (signal: 'SIGINT' | 'SIGTERM') => void): () => void;
  /** Reads all of stdin (for secrets piped in). */
  readStdin(): Promise<string>;
  /** Leaves at once (the second Ctrl-C). */
  forceExit(code: number): never;
}

export function processIo(): CliIo {
  // `vod-upload history --csv | head` closes the pipe early: stop writing rather than crash (an upload carries
  // on; its results are in the queue and `history`).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    platform: process.platform,
    homeDir: homedir(),
    cwd: process.cwd(),
    onInterrupt(listener) {
      const onInt = () => listener('SIGINT');
      const onTerm = () => listener('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    forceExit(code) {
      process.exit(code);
    },
  };
}
