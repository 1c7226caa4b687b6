import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../../shared/domain/profile';
import { draftFromSummary, draftToInput, emptyDraft } from '../../../renderer/lib/profile-form';

describe('profile form', () => {
  it('builds an access-key profile and omits an empty secret (keep the stored one)', () => {
    const result = draftToInput({
      ...emptyDraft(),
      name: 'Prod',
      accessKeyId: 'LTAIabc',
      metadata: { ...emptyDraft().metadata, tags: 'a, b，c', cateId: '7' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input.credential).toEqual({ kind: 'access-key', accessKeyId: 'LTAIabc' });
    expect(result.input.defaults).toMatchObject({
      tags: ['a', 'b', 'c'],
      cateId: 7,
      titleTemplate: '{name}',
    });
  });

  it('builds both STS modes and an authorization service', () => {
    const base = { ...emptyDraft(), name: 'S', accessKeyId: 'STS.x', accessKeySecret: 's3cret' };
    const role = draftToInput({ ...base, kind: 'sts', stsMode: 'assume-role', roleArn: 'acs:ram::1:role/r' });
    expect(role.ok && role.input.credential).toMatchObject({
      kind: 'sts',
      mode: 'assume-role',
      roleArn: 'acs:ram::1:role/r',
    });
    const temp = draftToInput({ ...base, kind: 'sts', stsMode: 'temporary', securityToken: 'tok' });
    expect(temp.ok && temp.input.credential).toMatchObject({
      kind: 'sts',
      mode: 'temporary',
      securityToken: 'tok',
    });
    const auth = draftToInput({
      ...emptyDraft(),
      name: 'A',
      kind: 'auth-service',
      url: 'https://auth.example.com/upload',
    });
    expect(auth.ok && auth.input.credential).toEqual({
      kind: 'auth-service',
      url: 'https://auth.example.com/upload',
    });
  });

  it('says which field is wrong', () => {
    const result = draftToInput({ ...emptyDraft(), name: 'A', kind: 'auth-service', url: 'not a url' });
    expect(result).toMatchObject({
      ok: false,
      error: { field: 'credential.url', problem: { kind: 'notUrl' } },
    });
    expect(draftToInput({ ...emptyDraft(), name: ' ' })).toMatchObject({
      ok: false,
      error: { field: 'name', problem: { kind: 'required' } },
    });
  });

  it('never fills a secret when editing', () => {
    const summary: ProfileSummary = {
      id: 'p1',
      name: 'Prod',
      kind: 'access-key',
      region: 'cn-shanghai',
      defaults: { titleTemplate: '{name}', tags: ['x'] },
      accessKeyIdMasked: 'LTAI****abcd',
      hasSecret: true,
      createdAt: 1,
      updatedAt: 1,
    };
    const draft = draftFromSummary(summary);
    expect(draft.accessKeySecret).toBe('');
    expect(draft.accessKeyId).toBe('');
    expect(draft.id).toBe('p1');
    expect(draft.metadata.tags).toBe('x');
  });

  it('keeps defaults the form does not show, and clears the ones emptied in it', () => {
    const summary: ProfileSummary = {
      id: 'p1',
      name: 'Prod',
      kind: 'access-key',
      region: 'cn-shanghai',
      // A field from a newer version or the CLI that this form knows nothing about rides along as stored.
      defaults: {
        titleTemplate: '{folder} {name}',
        tags: ['x'],
        description: 'from the CLI',
        ...({ futureField: 'kept' } as object),
      },
      hasSecret: true,
      createdAt: 1,
      updatedAt: 1,
    };
    const draft = draftFromSummary(summary);
    const result = draftToInput({ ...draft, name: 'Renamed', metadata: { ...draft.metadata, tags: '' } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input.defaults).toMatchObject({
      titleTemplate: '{folder} {name}',
      description: 'from the CLI',
      tags: [],
    });
  });

  it('names a metadata field that is wrong', () => {
    const draft = { ...emptyDraft(), name: 'A', accessKeyId: 'LTAIabc' };
    const bad = draftToInput({ ...draft, metadata: { ...draft.metadata, userData: 'not json' } });
    expect(bad).toMatchObject({
      ok: false,
      error: { field: 'defaults.userData', problem: { kind: 'notJsonObject' } },
    });
  });
});
