import { describe, expect, it } from 'vitest';
import { Redactor, REDACTED } from '../../../electron/core/log/redactor';
import { mapPath, parsePathMap } from '../../../electron/core/team/path-map';
import {
  describeQueueUrl,
  openTeamConnection,
  resolveQueueUrl,
  urlHasPassword,
} from '../../../electron/core/team/team-connection';

describe('the team queue connection string', () => {
  it('is shown with its password masked, and the redactor masks one that reaches a log', () => {
    const url = 'postgres://uploader:s3cret-Pa55@db.studio.lan:5432/vod_team';
    expect(describeQueueUrl(url)).toBe('postgres://uploader:***@db.studio.lan:5432/vod_team');
    expect(urlHasPassword(url)).toBe(true);
    expect(urlHasPassword('postgres://uploader@db.studio.lan/vod_team')).toBe(false);
    // Not registered anywhere: the connection string's shape alone is enough.
    const r = new Redactor();
    expect(r.redactString(`connect ${url} failed`)).toBe(
      `connect postgres://uploader:${REDACTED}@db.studio.lan:5432/vod_team failed`,
    );
    expect(r.redactString('postgresql://u:pw@h/db')).toBe(`postgresql://u:${REDACTED}@h/db`);
    expect(r.redactString('postgres://uploader@db/vod_team')).toBe('postgres://uploader@db/vod_team');
  });

  it('takes --queue first, then VOD_UPLOADER_QUEUE_URL', () => {
    expect(resolveQueueUrl('postgres://a@h/db', { VOD_UPLOADER_QUEUE_URL: 'postgres://b@h/db' })).toBe(
      'postgres://a@h/db',
    );
    expect(resolveQueueUrl(undefined, { VOD_UPLOADER_QUEUE_URL: 'postgres://b@h/db' })).toBe(
      'postgres://b@h/db',
    );
    expect(resolveQueueUrl(undefined, {})).toBeUndefined();
  });

  it('registers the password from the environment with the redactor, and an unreachable server says so without it', async () => {
    const redactor = new Redactor();
    const failure = openTeamConnection({
      // Port 1 on loopback: nothing listens, the connection is refused at once.
      url: 'postgres://uploader@127.0.0.1:1/vod_team',
      env: { VOD_UPLOADER_QUEUE_PASSWORD: 'env-only-Secret-42' },
      redactor,
    });
    await expect(failure).rejects.toMatchObject({ code: 'TEAM_QUEUE_UNREACHABLE' });
    const message = ((await failure.catch((e: unknown) => e)) as Error).message;
    expect(message).toContain('postgres://uploader:***@127.0.0.1:1/vod_team');
    expect(message).not.toContain('env-only-Secret-42');
    expect(redactor.redactString('password was env-only-Secret-42')).toBe(`password was ${REDACTED}`);
  });

  it('refuses a string that is not postgres://', async () => {
    await expect(openTeamConnection({ url: 'mysql://u@h/db', env: {} })).rejects.toMatchObject({
      code: 'TEAM_QUEUE_URL_INVALID',
    });
  });
});

describe('path mapping', () => {
  it('reads a path queued under one mount at this worker’s mount, longest prefix first', () => {
    const rules = parsePathMap(['/Volumes/NAS=/mnt/nas', '/Volumes/NAS/Archive/=/mnt/archive']);
    expect(mapPath('/Volumes/NAS/Rushes/a.mov', rules)).toBe('/mnt/nas/Rushes/a.mov');
    expect(mapPath('/Volumes/NAS/Archive/b.mov', rules)).toBe('/mnt/archive/b.mov');
    // A prefix matches whole folder names only, and unmatched paths are read as they are.
    expect(mapPath('/Volumes/NASA/c.mov', rules)).toBe('/Volumes/NASA/c.mov');
    expect(mapPath('/home/me/d.mov', rules)).toBe('/home/me/d.mov');
  });

  it('refuses a rule without FROM=TO', () => {
    expect(() => parsePathMap(['/Volumes/NAS'])).toThrow(/FROM=TO/);
    expect(() => parsePathMap(['=/mnt/nas'])).toThrow(/FROM=TO/);
  });
});
