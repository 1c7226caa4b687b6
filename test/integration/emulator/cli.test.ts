import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';

it('`npm run emulator -- --port 0` prints the JSON line within 5 s and serves the state endpoint', async () => {
  // Its own process group, so the npm → tsx → node chain can be stopped together.
  const child = spawn('npm', ['run', '--silent', 'emulator', '--', '--port', '0', '--sink', '--seed', '5'], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const started = Date.now();
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no JSON line within 5 s')), 5_000);
      createInterface({ input: child.stdout! }).once('line', (l) => {
        clearTimeout(timer);
        resolve(l);
      });
      child.once('exit', (code) => reject(new Error(`emulator exited early with ${code}`)));
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    const config = JSON.parse(line) as Record<string, string>;
    expect(Object.keys(config)).toEqual([
      'vodEndpoint',
      'ossEndpoint',
      'regionId',
      'accessKeyId',
      'accessKeySecret',
      'ossCaFile',
    ]);
    expect(config.vodEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // OSS in production's shape by default: TLS, the bucket in the host name (a loopback name).
    expect(config.ossEndpoint).toMatch(/^https:\/\/oss-cn-shanghai\.localhost:\d+$/);
    expect(config.ossCaFile).toMatch(/cert\.pem$/);
    expect(config.regionId).toBe('cn-shanghai');
    const res = await fetch(`${config.vodEndpoint}/__emulator/state`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ media: [], objects: [], calls: {}, bytesReceived: 0 });
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
});
