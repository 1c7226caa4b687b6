import { z } from 'zod';
import {
  ProfileKindSchema,
  type ProfileCredentialInput,
  type ProfileSummary,
} from '../../../shared/domain/profile';
import { UploadDefaultsSchema, type UploadDefaults } from '../../../shared/domain/upload-defaults';
import { AppError } from '../base/app-error';
import type { SecretField } from '../secrets/secret-store';
import { ProfileErrorCode } from './profile-errors';
import type { SqliteDatabase } from '../base/sqlite';

/** The non-secret part of a profile's credential, as stored in `profiles.credential` (JSON). */
export const StoredCredentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('access-key'), accessKeyId: z.string() }),
  // Nested on 'mode': zod 4 refuses two options with the same 'kind'.
  z.discriminatedUnion('mode', [
    z.object({
      kind: z.literal('sts'),
      mode: z.literal('assume-role'),
      accessKeyId: z.string(),
      roleArn: z.string(),
      roleSessionName: z.string().optional(),
      stsEndpoint: z.string().optional(),
    }),
    z.object({
      kind: z.literal('sts'),
      mode: z.literal('temporary'),
      accessKeyId: z.string(),
      expiration: z.string().optional(),
    }),
  ]),
  z.object({ kind: z.literal('auth-service'), url: z.string() }),
]);
export type StoredCredential = z.infer<typeof StoredCredentialSchema>;

export interface ProfileRecord {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly endpoint: string | undefined;
  readonly defaults: UploadDefaults;
  readonly credential: StoredCredential;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Secret fields a credential uses, and whether each is required. */
export function secretFieldsOf(
  credential: StoredCredential,
): ReadonlyArray<{ field: SecretField; required: boolean }> {
  switch (credential.kind) {
    case 'access-key':
      return [{ field: 'accessKeySecret', required: true }];
    case 'sts':
      return credential.mode === 'assume-role'
        ? [{ field: 'accessKeySecret', required: true }]
        : [
            { field: 'accessKeySecret', required: true },
            { field: 'securityToken', required: true },
          ];
    case 'auth-service':
      return [{ field: 'bearerToken', required: false }];
  }
}

/**
 * Fills an AccessKey ID the renderer left out (editing a profile shows it only masked) from the stored
 * credential of the same kind. Null when there is none to keep: a new profile must name its key.
 */
export function withKeptKeyId(
  input: ProfileCredentialInput,
  existing: StoredCredential | undefined,
): ProfileCredentialInput | null {
  if (input.kind === 'auth-service' || input.accessKeyId) return input;
  if (!existing || existing.kind !== input.kind) return null;
  return { ...input, accessKeyId: existing.accessKeyId };
}

/** The credential as sent, its AccessKey ID kept from `existing` when the form left it out (edits show it masked). */
export function keyIdOrThrow(
  credential: ProfileCredentialInput,
  existing: ProfileRecord | undefined,
): ProfileCredentialInput {
  const resolved = withKeptKeyId(credential, existing?.credential);
  if (!resolved)
    throw new AppError(ProfileErrorCode.KeyIdRequired, 'Enter the AccessKey ID for this profile.');
  return resolved;
}

/** Splits a credential as the renderer sent it (its key id resolved) into the stored row and the secrets. */
export function splitCredential(input: ProfileCredentialInput): {
  stored: StoredCredential;
  secrets: Partial<Record<SecretField, string>>;
} {
  switch (input.kind) {
    case 'access-key':
      return {
        stored: { kind: 'access-key', accessKeyId: (input.accessKeyId ?? '').trim() },
        secrets: { accessKeySecret: input.accessKeySecret },
      };
    case 'sts':
      if (input.mode === 'assume-role') {
        return {
          stored: {
            kind: 'sts',
            mode: 'assume-role',
            accessKeyId: (input.accessKeyId ?? '').trim(),
            roleArn: input.roleArn.trim(),
            roleSessionName: input.roleSessionName,
            stsEndpoint: input.stsEndpoint?.trim() || undefined,
          },
          secrets: { accessKeySecret: input.accessKeySecret },
        };
      }
      return {
        stored: {
          kind: 'sts',
          mode: 'temporary',
          accessKeyId: (input.accessKeyId ?? '').trim(),
          expiration: input.expiration,
        },
        secrets: { accessKeySecret: input.accessKeySecret, securityToken: input.securityToken },
      };
    case 'auth-service':
      return {
        stored: { kind: 'auth-service', url: input.url.trim() },
        secrets: { bearerToken: input.bearerToken },
      };
  }
}

/** "LTAI5tAbCdEf1234" → "LTAI****1234": enough to recognise a key, too little to use it. */
export function maskKeyId(accessKeyId: string): string {
  if (accessKeyId.length <= 8) return `****${accessKeyId.slice(-2)}`;
  return `${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`;
}

export function toSummary(record: ProfileRecord, hasSecret: boolean): ProfileSummary {
  const c = record.credential;
  return {
    id: record.id,
    name: record.name,
    kind: c.kind,
    region: record.region,
    endpoint: record.endpoint,
    defaults: record.defaults,
    accessKeyIdMasked: c.kind === 'auth-service' ? undefined : maskKeyId(c.accessKeyId),
    stsMode: c.kind === 'sts' ? c.mode : undefined,
    roleArn: c.kind === 'sts' && c.mode === 'assume-role' ? c.roleArn : undefined,
    authServiceUrl: c.kind === 'auth-service' ? c.url : undefined,
    hasSecret,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

interface ProfileRow {
  id: string;
  name: string;
  kind: string;
  region: string;
  endpoint: string | null;
  defaults: string;
  credential: string;
  created_at: number;
  updated_at: number;
}

function fromRow(row: ProfileRow): ProfileRecord {
  ProfileKindSchema.parse(row.kind);
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    endpoint: row.endpoint ?? undefined,
    defaults: UploadDefaultsSchema.parse(JSON.parse(row.defaults)),
    credential: StoredCredentialSchema.parse(JSON.parse(row.credential)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The `profiles` table (migration 0002). Holds no secret by construction: StoredCredential has none. */
export class ProfilesRepository {
  public constructor(private readonly db: SqliteDatabase) {}

  public list(): ProfileRecord[] {
    const rows = this.db.prepare('SELECT * FROM profiles ORDER BY name COLLATE NOCASE').all() as ProfileRow[];
    return rows.map(fromRow);
  }

  public get(id: string): ProfileRecord | undefined {
    const row = this.db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as ProfileRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  public findByName(name: string): ProfileRecord | undefined {
    const row = this.db.prepare('SELECT * FROM profiles WHERE name = ? COLLATE NOCASE').get(name) as
      ProfileRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  public upsert(record: ProfileRecord): void {
    this.db
      .prepare(
        `INSERT INTO profiles (id, name, kind, region, endpoint, defaults, credential, created_at, updated_at)
         VALUES (@id, @name, @kind, @region, @endpoint, @defaults, @credential, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, region = excluded.region,
           endpoint = excluded.endpoint, defaults = excluded.defaults, credential = excluded.credential,
           updated_at = excluded.updated_at`,
      )
      .run({
        id: record.id,
        name: record.name,
        kind: record.credential.kind,
        region: record.region,
        endpoint: record.endpoint ?? null,
        defaults: JSON.stringify(record.defaults),
        credential: JSON.stringify(StoredCredentialSchema.parse(record.credential)),
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
      });
  }

  public delete(id: string): boolean {
    return this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id).changes > 0;
  }
}
