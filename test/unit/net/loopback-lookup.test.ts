import { describe, expect, it } from 'vitest';
import { isLoopbackName, loopbackLookup } from '../../../electron/core/net/loopback-lookup';

function lookup(hostname: string, all: boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    loopbackLookup(hostname, { all }, (err: Error | null, address: unknown, family?: number) =>
      err ? reject(err) : resolve(all ? address : { address, family }),
    );
  });
}

describe('loopback lookup (RFC 6761: localhost names are loopback)', () => {
  it.each(['localhost', 'oss-cn-shanghai.localhost', 'outin-1.oss-cn-shanghai.localhost', 'A.LOCALHOST.'])(
    '%s is a loopback name',
    (name) => expect(isLoopbackName(name)).toBe(true),
  );

  it.each(['localhost.example.com', 'mylocalhost', 'oss-cn-shanghai.aliyuncs.com'])('%s is not', (name) =>
    expect(isLoopbackName(name)).toBe(false),
  );

  it('answers 127.0.0.1 for a bucket sub-domain, in both lookup forms', async () => {
    await expect(lookup('outin-1.oss-cn-shanghai.localhost', false)).resolves.toEqual({
      address: '127.0.0.1',
      family: 4,
    });
    await expect(lookup('outin-1.oss-cn-shanghai.localhost', true)).resolves.toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
  });

  it('leaves other names to the system resolver', async () => {
    await expect(lookup('127.0.0.1', false)).resolves.toEqual({ address: '127.0.0.1', family: 4 });
    await expect(lookup('no-such-host.invalid', false)).rejects.toThrow(/ENOTFOUND|EAI_AGAIN/);
  });
});
