import { describe, expect, it } from 'vitest';
import {
  checkSourceUrl,
  defaultUrlMode,
  looksLikeUrl,
  readUrlList,
  redactUrl,
} from '../../../shared/logic/source-url';

describe('source URLs', () => {
  it('masks user:password and every query value, and drops the fragment', () => {
    expect(redactUrl('https://bob:pw@cdn.example.com/a/b%20c.mp4?X-Amz-Signature=abc&v=2#t=10')).toBe(
      'https://***@cdn.example.com/a/b%20c.mp4?X-Amz-Signature=***&v=***',
    );
    expect(redactUrl('https://cdn.example.com/a.mp4')).toBe('https://cdn.example.com/a.mp4');
    expect(redactUrl('not a url?token=abc')).not.toContain('abc');
  });

  it('accepts http and https links VOD takes, with the reason for the others', () => {
    const ok = checkSourceUrl(' https://h.example/dir/My%20Clip.MOV ');
    expect(ok).toMatchObject({ ok: true, name: 'My Clip.MOV', kind: 'video', private: false });
    expect(checkSourceUrl('ftp://h/a.mp4')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ftp'),
    });
    expect(checkSourceUrl('h.example/a.mp4')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a valid URL'),
    });
    expect(checkSourceUrl('https://h/a.exe')).toMatchObject({
      ok: false,
      reason: '.exe files are not accepted by VOD',
    });
    expect(checkSourceUrl('https://h/download')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('extension'),
    });
    expect(checkSourceUrl('https://h/p.png', 'pull')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('relay'),
    });
    const refused = checkSourceUrl('ftp://u:secretpw@h/a.mp4');
    expect(JSON.stringify(refused)).not.toContain('secretpw');
  });

  it('pulls public audio/video by default and relays private links and images', () => {
    const mode = (u: string) => {
      const c = checkSourceUrl(u);
      if (!c.ok) throw new Error(c.reason);
      return defaultUrlMode(c);
    };
    expect(mode('https://h/a.mp4')).toBe('pull');
    expect(mode('https://h/a.mp4?sig=1')).toBe('relay');
    expect(mode('https://u:p@h/a.mp4')).toBe('relay');
    expect(mode('https://h/a.jpg')).toBe('relay');
  });

  it('reads one link per line or the link cells of a CSV, skipping blanks, comments and headers', () => {
    const text = '# rushes\nhttps://h/a.mp4\r\n\n"title","url"\nDay 1,https://h/b.mp4\nhello\n';
    expect(readUrlList(text)).toEqual(['https://h/a.mp4', 'https://h/b.mp4', 'hello']);
    expect(looksLikeUrl('https://h/a.mp4')).toBe(true);
    expect(looksLikeUrl('/media/a.mp4')).toBe(false);
    expect(looksLikeUrl('C:\\media\\a.mp4')).toBe(false);
  });
});
