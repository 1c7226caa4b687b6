/**
 * Masks secrets in anything about to be logged, two ways:
 * - by key name: the value under a sensitive key (AccessKeySecret, SecurityToken, Authorization, UploadAuth,
 *   bearer tokens, ...) is replaced whatever it is;
 * - by value: every secret the app loads is registered here, and any string that contains it (an error
 *   message, a URL, a stray debug field) has it masked too.
 * Both are needed: key names miss a secret quoted inside a message, and values miss a secret not yet loaded.
 */
export const REDACTED = '[REDACTED]';

/** Key names compared case-insensitively with '-', '_' and '.' removed. */
const SENSITIVE_KEYS = new Set([
  'accesskeysecret',
  'secretaccesskey',
  'securitytoken',
  'ststoken',
  'xacssecuritytoken',
  'xosssecuritytoken',
  'authorization',
  'proxyauthorization',
  'uploadauth',
  'bearertoken',
  'token',
  'accesstoken',
  'secret',
  'password',
  'cookie',
  'setcookie',
  'signature',
  'ciphertext',
  'plaintext',
]);

/** Secrets shorter than this are not registered: masking "abc" everywhere would garble logs and reveal little. */
const MIN_SECRET_LENGTH = 6;
const MAX_DEPTH = 8;

/** Credentials that have a recognisable shape even when nobody registered them. */
const VALUE_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/(Signature=)[A-Za-z0-9%+/=]+/g, `$1${REDACTED}`],
  // A link's user:password (upload from URLs keeps links out of logs; this catches a stray one).
  [/\b(https?:\/\/)[^\s/@:]*:[^\s/@]*@/gi, `$1${REDACTED}@`],
  // A team queue's connection string keeps its role, never its password.
  [/\b(postgres(?:ql)?:\/\/[^\s/@:]*):[^\s/@]*@/gi, `$1:${REDACTED}@`],
  [/\b(OSS4?-HMAC-SHA256 [^,\s]*|OSS [A-Za-z0-9.]+:)[A-Za-z0-9+/=]+/g, `$1${REDACTED}`],
];

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase().replace(/[-_.]/g, ''));
}

export class Redactor {
  private readonly secrets = new Set<string>();
  /**
   * The secrets by their first MIN_SECRET_LENGTH characters: a string is searched once for every registered
   * secret at a time. A batch registers each file's credential (three forms of each secret), so scanning the
   * string once per secret, and sorting them all on every register, cost more with every file uploaded.
   */
  private readonly byPrefix = new Map<string, string[]>();

  /** Registers a secret value (and its URL-encoded and base64 forms) to be masked wherever it appears. */
  public register(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    const forms = [value, encodeURIComponent(value), Buffer.from(value, 'utf8').toString('base64')];
    for (const form of forms) {
      if (this.secrets.has(form)) continue;
      this.secrets.add(form);
      const prefix = form.slice(0, MIN_SECRET_LENGTH);
      const same = this.byPrefix.get(prefix);
      if (same === undefined) this.byPrefix.set(prefix, [form]);
      else insertLongestFirst(same, form);
    }
  }

  public redactString(text: string): string {
    let out = text;
    const present = this.secretsIn(text);
    // Longest first, each against the text as masked so far (a secret inside a longer one is gone with it).
    for (const secret of present) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    for (const [pattern, replacement] of VALUE_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /** The registered secrets found in `text`, longest first. */
  private secretsIn(text: string): string[] {
    if (this.byPrefix.size === 0) return [];
    const found = new Set<string>();
    for (let at = 0; at + MIN_SECRET_LENGTH <= text.length; at++) {
      const candidates = this.byPrefix.get(text.slice(at, at + MIN_SECRET_LENGTH));
      if (candidates === undefined) continue;
      for (const secret of candidates) if (text.startsWith(secret, at)) found.add(secret);
    }
    return [...found].sort((a, b) => b.length - a.length);
  }

  /** A JSON-safe, redacted copy of `value`: errors become plain objects, cycles and depth are cut. */
  public redact(value: unknown): unknown {
    return this.walk(value, 0, new WeakSet());
  }

  private walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'bigint') return value.toString();
    if (value === undefined) return undefined;
    if (typeof value === 'function' || typeof value === 'symbol') return `[${typeof value}]`;
    if (depth >= MAX_DEPTH) return '[too deep]';
    const object = value as object;
    if (seen.has(object)) return '[circular]';
    seen.add(object);
    if (Buffer.isBuffer(object) || ArrayBuffer.isView(object))
      return `[binary ${(object as Uint8Array).byteLength} bytes]`;
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
    if (Array.isArray(object)) return object.slice(0, 100).map((item) => this.walk(item, depth + 1, seen));
    const source: Record<string, unknown> =
      object instanceof Error ? errorFields(object) : (object as Record<string, unknown>);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(source)) {
      out[key] =
        isSensitiveKey(key) && item !== undefined && item !== null
          ? REDACTED
          : this.walk(item, depth + 1, seen);
    }
    return out;
  }
}

/** Inserts into a list kept longest first (binary search: no sort of the whole list per secret). */
function insertLongestFirst(list: string[], item: string): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.length >= item.length) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, item);
}

function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: error.name, message: error.message };
  for (const [key, item] of Object.entries(error)) fields[key] = item;
  if (error.stack) fields.stack = error.stack;
  if (error.cause !== undefined) fields.cause = error.cause;
  return fields;
}
