import { AppError } from '../base/app-error';
import type { Redactor } from '../log/redactor';
import type { SecretField, SecretStore } from '../secrets/secret-store';
import { ProfileErrorCode, secretLabel } from './profile-errors';
import { secretFieldsOf, type ProfileRecord, type StoredCredential } from './profile-records';

export type SecretValues = Partial<Record<SecretField, string>>;

/**
 * A profile's secrets: which it needs, which are kept on an edit, and the SecretStore that holds them. Every
 * secret that comes in is registered with the redactor first, so no log line can carry it.
 */
export class ProfileSecrets {
  public constructor(
    private readonly store: SecretStore,
    private readonly redactor: Redactor,
  ) {}

  /** Registers secrets the renderer sent with the redactor, before anything can log them. */
  public register(secrets: SecretValues): void {
    for (const value of Object.values(secrets)) this.redactor.register(value);
  }

  /** A saved profile's secrets, refused when a required one is missing. */
  public async of(record: ProfileRecord): Promise<SecretValues> {
    const secrets: SecretValues = {};
    for (const { field, required } of secretFieldsOf(record.credential)) {
      const value = await this.store.get(record.id, field);
      if (value === undefined && required) {
        throw new AppError(
          ProfileErrorCode.SecretRequired,
          `The profile "${record.name}" has no ${secretLabel(field)} stored. Edit the profile and enter it.`,
        );
      }
      if (value !== undefined) secrets[field] = value;
    }
    return secrets;
  }

  /** The secrets of a form not saved yet: what it carries, else what `existing` keeps (same key). */
  public async forForm(
    stored: StoredCredential,
    existing: ProfileRecord | undefined,
    secrets: SecretValues,
  ): Promise<SecretValues> {
    const resolved: SecretValues = {};
    for (const { field, required } of secretFieldsOf(stored)) {
      const value =
        secrets[field] ??
        (existing && !keyIdChanged(existing.credential, stored)
          ? await this.store.get(existing.id, field)
          : undefined);
      if (value === undefined && required) {
        throw new AppError(
          ProfileErrorCode.SecretRequired,
          `Enter the ${secretLabel(field)} to test this profile.`,
        );
      }
      if (value !== undefined) resolved[field] = value;
    }
    return resolved;
  }

  /** Refuses a save that would leave a required secret missing (a new key needs its secret too). */
  public async checkComplete(
    id: string,
    stored: StoredCredential,
    existing: ProfileRecord | undefined,
    secrets: SecretValues,
  ): Promise<void> {
    const changedKey = existing ? keyIdChanged(existing.credential, stored) : true;
    for (const { field, required } of secretFieldsOf(stored)) {
      if (!required || secrets[field] !== undefined) continue;
      const kept =
        existing &&
        !changedKey &&
        existing.credential.kind === stored.kind &&
        (await this.store.has(id, field));
      if (!kept) {
        throw new AppError(
          ProfileErrorCode.SecretRequired,
          existing && changedKey
            ? `The AccessKey ID changed: enter its ${secretLabel(field)} too.`
            : `Enter the ${secretLabel(field)} for this profile.`,
        );
      }
    }
  }

  /** Stores the secrets sent, and drops those the credential no longer uses. */
  public async write(id: string, stored: StoredCredential, secrets: SecretValues): Promise<void> {
    const used = new Set(secretFieldsOf(stored).map((f) => f.field));
    for (const field of ['accessKeySecret', 'securityToken', 'bearerToken'] as const) {
      const value = secrets[field];
      if (!used.has(field)) await this.store.delete(id, field);
      else if (value !== undefined) await this.store.set(id, field, value);
    }
  }

  /** Whether the profile holds what it needs (for an optional-only credential: whether it holds one). */
  public async hasSecret(record: ProfileRecord): Promise<boolean> {
    const fields = secretFieldsOf(record.credential);
    let hasSecret = fields.length > 0;
    for (const { field, required } of fields) {
      const has = await this.store.has(record.id, field);
      if (required && !has) hasSecret = false;
      if (!required) hasSecret = has;
    }
    return hasSecret;
  }

  public async deleteAll(id: string): Promise<void> {
    await this.store.delete(id);
  }
}

function keyIdChanged(before: StoredCredential, after: StoredCredential): boolean {
  if (before.kind !== after.kind) return true;
  if (before.kind === 'auth-service' || after.kind === 'auth-service') return false;
  return before.accessKeyId !== after.accessKeyId;
}
