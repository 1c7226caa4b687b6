import { parseArgs } from 'node:util';
import { startEmulator } from './index';
import { type EmulatorOptions } from './settings';

/**
 * `npm run emulator -- [--port N] [--host H] [--data-dir DIR] [--sink] [--fast-hash] [--sts-ttl S] [--bandwidth B/s]
 * [--per-connection-bandwidth B/s] [--latency MS] [--error-rate P] [--reset-rate P] [--stall-rate P]
 * [--throttle-rate P] [--skew S] [--transcode-delay MS] [--seed N] [--oss-port N]
 * [--upload-policy narrow|broad] [--refresh-new-key] [--omit-crc64] [--allow-v1] [--plain-http] [--path-style]`
 * Prints one JSON line with the endpoints and AccessKey when ready.
 */
const numeric = {
  port: 'port',
  'oss-port': 'ossPort',
  'sts-ttl': 'stsTtl',
  bandwidth: 'bandwidth',
  'per-connection-bandwidth': 'perConnectionBandwidth',
  latency: 'latency',
  'error-rate': 'errorRate',
  'reset-rate': 'resetRate',
  'stall-rate': 'stallRate',
  'throttle-rate': 'throttleRate',
  skew: 'skew',
  'transcode-delay': 'transcodeDelay',
  seed: 'seed',
} as const;

function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.keys(numeric).map((k) => [k, { type: 'string' as const }])),
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      sink: { type: 'boolean' },
      'fast-hash': { type: 'boolean' },
      'upload-policy': { type: 'string' },
      'refresh-new-key': { type: 'boolean' },
      'omit-crc64': { type: 'boolean' },
      'allow-v1': { type: 'boolean' },
      'plain-http': { type: 'boolean' },
      'path-style': { type: 'boolean' },
    },
    strict: true,
  });
  const policy = values['upload-policy'];
  if (policy !== undefined && policy !== 'narrow' && policy !== 'broad') {
    throw new Error(`--upload-policy must be narrow or broad, got "${policy}"`);
  }
  const options: Record<string, unknown> = {
    host: values.host,
    dataDir: values['data-dir'],
    sink: values.sink === true,
    fastHash: values['fast-hash'] === true ? true : undefined,
    uploadPolicy: policy,
    refreshNewKey: values['refresh-new-key'] === true ? true : undefined,
    omitCrc64: values['omit-crc64'] === true ? true : undefined,
    allowV1: values['allow-v1'] === true ? true : undefined,
    https: values['plain-http'] !== true,
    virtualHosted: values['path-style'] !== true,
  };
  for (const [flag, key] of Object.entries(numeric)) {
    const raw = (values as Record<string, unknown>)[flag];
    if (typeof raw !== 'string') continue;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new Error(`--${flag} must be a number, got "${raw}"`);
    options[key] = n;
  }
  return startEmulator(options as EmulatorOptions).then((emulator) => {
    process.stdout.write(`${JSON.stringify(emulator.config)}\n`);
    const shutdown = () => {
      void emulator.stop().then(() => process.exit(0));
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
}

main().catch((err: Error) => {
  process.stderr.write(`emulator: ${err.message}\n`);
  process.exit(2);
});
