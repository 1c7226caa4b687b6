import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { type AddressInfo, type Socket } from 'node:net';
import { CONTROL_PREFIX, handleControl } from './control';
import { type Emulator } from './emulator';
import { handleOss } from './oss/handler';
import { localOssHost, makeThrowawayCertificate } from './tls';
import { handleVod } from './vod/handler';

export interface RunningServers {
  readonly vodEndpoint: string;
  readonly ossEndpoint: string;
  /** The OSS server's throwaway certificate (PEM file), when it speaks HTTPS. */
  readonly ossCaFile: string | undefined;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function endpoint(host: string, port: number, scheme = 'http'): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Starts the VOD (+ control) server and the OSS server on loopback. */
export async function startServers(
  emulator: Emulator,
  options: {
    host: string;
    port: number;
    ossPort: number;
    /** OSS over TLS with a certificate made now. */
    https: boolean;
    /** Hand out `oss-<region>.localhost` as the OSS endpoint, so clients address `bucket.oss-<region>.localhost`. */
    virtualHosted: boolean;
    regionId: string;
  },
): Promise<RunningServers> {
  const stalled = new Set<Socket>();

  const stall = (req: IncomingMessage) => {
    // Accept, stop reading, never answer: the client must time out on its own.
    req.pause();
    stalled.add(req.socket);
    req.socket.once('close', () => stalled.delete(req.socket));
  };

  const wrap =
    (kind: 'vod' | 'oss') =>
    (req: IncomingMessage, res: ServerResponse): void => {
      const run = async () => {
        if ((req.url ?? '').startsWith(CONTROL_PREFIX)) return handleControl(emulator, req, res);
        const fault = emulator.faults.draw();
        if (fault.stall) return stall(req);
        if (kind === 'vod') return handleVod(vodDeps, req, res, fault);
        return handleOss(ossDeps, req, res, fault);
      };
      run().catch((err: Error) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`emulator failure: ${err.message}`);
        }
      });
    };

  const vodServer = createServer(wrap('vod'));
  const certificate = options.https ? makeThrowawayCertificate(options.regionId) : undefined;
  const ossServer = certificate
    ? createTlsServer({ key: certificate.key, cert: certificate.cert }, wrap('oss'))
    : createServer(wrap('oss'));
  // Long uploads must not hit Node's default request timeout; clients own their timeouts.
  for (const s of [vodServer, ossServer]) {
    s.requestTimeout = 0;
    s.headersTimeout = 60_000;
    s.keepAliveTimeout = 15_000;
  }
  const vodPort = await listen(vodServer, options.port, options.host);
  const ossPort = await listen(ossServer, options.ossPort, options.host);
  const vodEndpoint = endpoint(options.host, vodPort);
  // A *.localhost name is loopback by definition (RFC 6761); clients map it without touching /etc/hosts.
  const ossEndpoint = endpoint(
    options.virtualHosted ? localOssHost(options.regionId) : options.host,
    ossPort,
    options.https ? 'https' : 'http',
  );
  const vodDeps = emulator.vodDeps(ossEndpoint);
  const ossDeps = emulator.ossDeps(ossEndpoint);

  return {
    vodEndpoint,
    ossEndpoint,
    ossCaFile: certificate?.certFile,
    async close() {
      for (const socket of stalled) socket.destroy();
      await Promise.all(
        [vodServer, ossServer].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
      certificate?.remove();
    },
  };
}
