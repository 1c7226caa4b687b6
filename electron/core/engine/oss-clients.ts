import { HARD_CONNECTION_CAP } from './adaptive-concurrency';
import { createHttpAgents, type HttpAgents } from '../oss/http-transport';
import { OssClient, type ClockSkew, type OssSignatureVersion } from '../oss/oss-client';
import { TokenBucket } from '../oss/token-bucket';
import type { ProxyResolver } from '../net/proxy-resolver';
import type { UploadGrant, UploadTarget } from '../vod/credential-types';

export interface OssClientsOptions {
  readonly bandwidthLimit: number;
  readonly stallTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly resolveProxy?: ProxyResolver;
  /** V4 unless the legacy V1 setting asks otherwise. */
  readonly signatureVersion?: OssSignatureVersion;
  /** Certificates (PEM) trusted beyond Node's roots for OSS endpoints (a local stand-in's). */
  readonly extraCaCertificates?: readonly string[];
}

/**
 * What every OSS client of one engine shares: one keep-alive agent pool (through the proxy, if any), one
 * bandwidth limit, and one learned clock skew. Each job gets a client for its grant's endpoint and bucket,
 * signing with whatever credential the grant holds at the time of each request.
 */
export class OssClients {
  private readonly agents: HttpAgents;
  private readonly bandwidth: TokenBucket;
  private readonly clock: ClockSkew = { offsetMs: 0 };

  public constructor(private readonly options: OssClientsOptions) {
    // Every connection adaptive concurrency may open, plus a few for control requests (Initiate, Complete):
    // an agent with fewer sockets would queue requests that already hold a slot.
    this.agents = createHttpAgents(HARD_CONNECTION_CAP + 8, options.resolveProxy, {
      extraCaCertificates: options.extraCaCertificates,
    });
    this.bandwidth = new TokenBucket(options.bandwidthLimit);
  }

  public clientFor(target: UploadTarget, grant: () => UploadGrant): OssClient {
    return new OssClient({
      endpoint: target.endpoint,
      bucket: target.bucket,
      region: target.region,
      signatureVersion: this.options.signatureVersion ?? 'v4',
      credentials: () => {
        const c = grant().credential;
        return {
          accessKeyId: c.accessKeyId,
          accessKeySecret: c.accessKeySecret,
          securityToken: c.securityToken,
        };
      },
      agents: this.agents,
      bandwidth: this.bandwidth,
      clock: this.clock,
      stallTimeoutMs: this.options.stallTimeoutMs,
      requestTimeoutMs: this.options.requestTimeoutMs,
    });
  }

  /** Bytes per second for all uploads together; 0 means unlimited. */
  public setRate(bytesPerSecond: number): void {
    this.bandwidth.setRate(bytesPerSecond);
  }

  public destroy(): void {
    this.agents.destroy();
  }
}
