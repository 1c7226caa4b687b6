import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorConfig, EmulatorState, FaultPatch } from '../../emulator/index';

const CLI = fileURLToPath(new URL('../../emulator/cli.ts', import.meta.url));

export interface EmulatorProcess {
  readonly config: EmulatorConfig;
  readonly pid: number;
  state(): Promise<EmulatorState>;
  /** Multipart uploads still open (GET /__emulator/uploads). */
  uploads(): Promise<EmulatorUpload[]>;
  setFaults(patch: FaultPatch): Promise<void>;
  stop(): Promise<void>;
}

export interface EmulatorUpload {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly parts: number;
}

export interface EmulatorProcessOptions {
  readonly sink?: boolean;
  /** WebAssembly CRC-64, no MD5 (see the emulator's `fastHash`): the bench's loopback and scenario runs. */
  readonly fastHash?: boolean;
  /** HTTP instead of the default HTTPS (the loopback comparison is also run in plain HTTP). */
  readonly plainHttp?: boolean;
  readonly latency?: number;
  readonly bandwidth?: number;
  readonly perConnectionBandwidth?: number;
  readonly errorRate?: number;
  readonly resetRate?: number;
  readonly stallRate?: number;
  readonly stsTtl?: number;
  readonly seed?: number;
  readonly transcodeDelay?: number;
}

const FLAGS: Record<keyof Omit<EmulatorProcessOptions, 'sink' | 'fastHash' | 'plainHttp'>, string> = {
  latency: '--latency',
  bandwidth: '--bandwidth',
  perConnectionBandwidth: '--per-connection-bandwidth',
  errorRate: '--error-rate',
  resetRate: '--reset-rate',
  stallRate: '--stall-rate',
  stsTtl: '--sts-ttl',
  seed: '--seed',
  transcodeDelay: '--transcode-delay',
};

/**
 * The emulator in its own process (`npm run emulator`), so its hashing does not share the event loop or
 * the CPU accounting of the process being measured.
 */
export async function startEmulatorProcess(options: EmulatorProcessOptions = {}): Promise<EmulatorProcess> {
  const args = ['--import', 'tsx', CLI, '--port', '0'];
  if (options.sink !== false) args.push('--sink');
  if (options.fastHash === true) args.push('--fast-hash');
  if (options.plainHttp === true) args.push('--plain-http');
  for (const [key, flag] of Object.entries(FLAGS)) {
    const value = options[key as keyof typeof FLAGS];
    if (value !== undefined) args.push(flag, String(value));
  }
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const config = await new Promise<EmulatorConfig>((resolve, reject) => {
    let buffer = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buffer.slice(0, nl)) as EmulatorConfig);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const control = (path: string): string => `${config.vodEndpoint}/__emulator/${path}`;
  return {
    config,
    pid: child.pid!,
    async state() {
      const res = await fetch(control('state'));
      if (!res.ok) throw new Error(`emulator state: HTTP ${res.status}`);
      return (await res.json()) as EmulatorState;
    },
    async uploads() {
      const res = await fetch(control('uploads'));
      if (!res.ok) throw new Error(`emulator uploads: HTTP ${res.status}`);
      return (await res.json()) as EmulatorUpload[];
    },
    async setFaults(patch) {
      const res = await fetch(control('faults'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(patch),
      });
      if (!res.ok) throw new Error(`emulator faults: HTTP ${res.status} ${await res.text()}`);
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
