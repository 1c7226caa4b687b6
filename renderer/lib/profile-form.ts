import type { ProfileInput, ProfileKind, ProfileSummary } from '../../shared/domain/profile';
import { ProfileInputSchema } from '../../shared/domain/profile';
import type { MetadataField, UploadDefaults } from '../../shared/domain/upload-defaults';
import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';
import { describeProblem, fieldErrorOf, METADATA_LABELS, type FieldError } from './field-problem';
import {
  emptyMetadataDraft,
  metadataDraftFrom,
  metadataFromDraft,
  type MetadataDraft,
} from './metadata-draft';

/** The profile form's fields, all strings as the inputs hold them. Secrets always start empty. */
export interface ProfileDraft {
  id?: string;
  name: string;
  kind: ProfileKind;
  stsMode: 'assume-role' | 'temporary';
  region: string;
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  roleArn: string;
  securityToken: string;
  expiration: string;
  url: string;
  bearerToken: string;
  metadata: MetadataDraft;
  /**
   * The defaults as stored when editing began: saving lays the form's fields over them, so a field this form
   * does not show (set through the CLI or by a newer version) is kept, never wiped.
   */
  storedDefaults: Partial<UploadDefaults>;
}

export function emptyDraft(): ProfileDraft {
  return {
    name: '',
    kind: 'access-key',
    stsMode: 'assume-role',
    region: 'cn-shanghai',
    endpoint: '',
    accessKeyId: '',
    accessKeySecret: '',
    roleArn: '',
    securityToken: '',
    expiration: '',
    url: '',
    bearerToken: '',
    metadata: { ...emptyMetadataDraft(), titleTemplate: '{name}' },
    storedDefaults: {},
  };
}

/** A draft for editing: what the summary shows, never a secret (the summary holds none). */
export function draftFromSummary(profile: ProfileSummary): ProfileDraft {
  return {
    ...emptyDraft(),
    id: profile.id,
    name: profile.name,
    kind: profile.kind,
    stsMode: profile.stsMode ?? 'assume-role',
    region: profile.region,
    endpoint: profile.endpoint ?? '',
    roleArn: profile.roleArn ?? '',
    url: profile.authServiceUrl ?? '',
    metadata: metadataDraftFrom(profile.defaults),
    storedDefaults: profile.defaults,
  };
}

const opt = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * Turns a draft into the contract's ProfileInput. An empty secret field is omitted, which main reads as
 * "keep the stored secret". Says which field is wrong, and how, when the draft is not a valid profile.
 */
export function draftToInput(
  draft: ProfileDraft,
): { ok: true; input: ProfileInput } | { ok: false; error: FieldError } {
  const credential = (() => {
    switch (draft.kind) {
      case 'access-key':
        return {
          kind: 'access-key',
          accessKeyId: opt(draft.accessKeyId),
          accessKeySecret: opt(draft.accessKeySecret),
        };
      case 'sts':
        return draft.stsMode === 'assume-role'
          ? {
              kind: 'sts',
              mode: 'assume-role',
              accessKeyId: opt(draft.accessKeyId),
              accessKeySecret: opt(draft.accessKeySecret),
              roleArn: draft.roleArn.trim(),
            }
          : {
              kind: 'sts',
              mode: 'temporary',
              accessKeyId: opt(draft.accessKeyId),
              accessKeySecret: opt(draft.accessKeySecret),
              securityToken: opt(draft.securityToken),
              expiration: opt(draft.expiration),
            };
      case 'auth-service':
        return { kind: 'auth-service', url: draft.url.trim(), bearerToken: opt(draft.bearerToken) };
    }
  })();
  const metadata = metadataFromDraft(draft.metadata);
  if (!metadata.ok)
    return { ok: false, error: { field: `defaults.${metadata.field}`, problem: metadata.problem } };
  const parsed = ProfileInputSchema.safeParse(
    {
      id: draft.id,
      name: draft.name,
      region: draft.region.trim(),
      endpoint: opt(draft.endpoint),
      defaults: { ...draft.storedDefaults, ...metadata.value },
      credential,
    },
    { reportInput: true },
  );
  if (parsed.success) return { ok: true, input: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: issue ? fieldErrorOf(issue) : { field: 'name', problem: { kind: 'invalid' } } };
}

const PROFILE_LABELS: Readonly<Record<string, MessageKey>> = {
  name: 'settings.profileName',
  region: 'settings.region',
  endpoint: 'settings.endpoint',
  'credential.accessKeyId': 'settings.accessKeyId',
  'credential.accessKeySecret': 'settings.accessKeySecret',
  'credential.roleArn': 'settings.roleArn',
  'credential.securityToken': 'settings.securityToken',
  'credential.expiration': 'settings.expiration',
  'credential.url': 'settings.authUrl',
  'credential.bearerToken': 'settings.bearerToken',
};

/** The profile form's error as a sentence naming the field by its label, in the user's language. */
export function describeDraftError(t: Translate, error: FieldError): string {
  const metadataField = error.field.startsWith('defaults.') ? error.field.slice('defaults.'.length) : null;
  const key =
    metadataField !== null && Object.hasOwn(METADATA_LABELS, metadataField)
      ? METADATA_LABELS[metadataField as MetadataField]
      : PROFILE_LABELS[error.field];
  // A field the form does not show (a future schema rule) is named by its path rather than not at all.
  return describeProblem(t, key ? t(key) : error.field, error.problem);
}
