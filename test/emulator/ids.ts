import { randomBytes, randomUUID } from 'node:crypto';

// IDs use crypto randomness, not the fault PRNG, so that issuing an ID never shifts the fault sequence.

export function hexId(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

export function vodRequestId(): string {
  return randomUUID().toUpperCase();
}

export function ossRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

export function randomSecret(length = 30): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}
