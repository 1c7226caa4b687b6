/**
 * The credential a VOD API call is signed with (not to be confused with the upload credential VOD issues).
 * An AccessKey never expires; STS credentials do, and their source renews them ahead of time.
 */
export interface VodCallerCredential {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
  /** Epoch ms; absent for an AccessKey. */
  readonly expiresAt?: number | undefined;
  /** Where it came from, for messages ("environment variables", "assume-role", ...). */
  readonly source?: string;
}
