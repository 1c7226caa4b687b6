import { describe, expect, it } from 'vitest';
import { objectUrl } from '../../../electron/core/oss/oss-url';

describe('objectUrl', () => {
  it('uses path style for IP endpoints', () => {
    const url = objectUrl('http://127.0.0.1:9000', 'bkt', 'sv/a b.mp4', { partNumber: '2', uploadId: 'U' });
    expect(url.toString()).toBe('http://127.0.0.1:9000/bkt/sv/a%20b.mp4?partNumber=2&uploadId=U');
  });

  it('uses virtual-hosted style for OSS host names', () => {
    const url = objectUrl('https://oss-cn-shanghai.aliyuncs.com', 'bkt', 'sv/x.mp4', { uploads: null });
    expect(url.toString()).toBe('https://bkt.oss-cn-shanghai.aliyuncs.com/sv/x.mp4?uploads');
  });

  it('defaults to https when the endpoint has no scheme', () => {
    expect(objectUrl('oss-cn-beijing.aliyuncs.com', 'b', 'k', {}).toString()).toBe(
      'https://b.oss-cn-beijing.aliyuncs.com/k',
    );
  });
});
