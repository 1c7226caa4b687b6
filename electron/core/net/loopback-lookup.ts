import {
  lookup as dnsLookup,
  type LookupAddress,
  type LookupAllOptions,
  type LookupOneOptions,
} from 'node:dns';
import type { LookupFunction } from 'node:net';

/** `localhost` and every name under it (RFC 6761 §6.3: they are loopback, whatever the resolver says). */
export function isLoopbackName(hostname: string): boolean {
  return /(^|\.)localhost\.?$/i.test(hostname);
}

/**
 * A DNS lookup for the engine's sockets: `*.localhost` answers 127.0.0.1 without asking the system resolver
 * (glibc does not map sub-domains of localhost, and /etc/hosts cannot hold a wildcard), every other name goes
 * to dns.lookup. This is what lets a virtual-hosted `bucket.oss-<region>.localhost` reach a local server.
 */
export const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (!isLoopbackName(hostname)) {
    dnsLookup(hostname, options as LookupOneOptions, callback as never);
    return;
  }
  const all = (options as LookupAllOptions).all === true;
  if (all) {
    const addresses: LookupAddress[] = [{ address: '127.0.0.1', family: 4 }];
    (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, addresses);
  } else {
    callback(null, '127.0.0.1', 4);
  }
};
