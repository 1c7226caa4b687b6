/**
 * Alibaba Cloud refuses a request dated more than 15 minutes away from its own clock (VOD
 * InvalidTimeStamp.Expired, OSS RequestTimeTooSkewed). A ServerClock holds how far the server's clock is
 * from this computer's, learned from the server's own answers (the Date header, OSS's ServerTime), so
 * requests can be dated in the server's time and the user can be told which clock is off, and by how much.
 */
export class ServerClock {
  /** Server time minus local time, ms. */
  public offsetMs = 0;

  /** Now, in the server's time. */
  public now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Records the server's time as seen now; returns the change in the offset, ms. */
  public learn(serverTimeMs: number, localTimeMs: number = Date.now()): number {
    const previous = this.offsetMs;
    this.offsetMs = serverTimeMs - localTimeMs;
    return this.offsetMs - previous;
  }

  /** Converts a server-clock instant (e.g. a credential's ExpireUTCTime) to this computer's clock. */
  public toLocal(serverTimeMs: number): number {
    return serverTimeMs - this.offsetMs;
  }
}

/** Both services allow 15 minutes; a smaller offset is not worth a retry, it is the network's delay. */
export const MAX_REQUEST_SKEW_MS = 15 * 60_000;

/** Offsets below this are left alone: HTTP dates have one-second resolution and answers take time. */
export const NEGLIGIBLE_SKEW_MS = 5_000;

function amount(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 2 * 3600_000) return `${Math.round(abs / 3600_000)} hours`;
  if (abs >= 90 * 60_000) return `${(abs / 3600_000).toFixed(1)} hours`;
  if (abs >= 90_000) return `${Math.round(abs / 60_000)} minutes`;
  return `${Math.round(abs / 1000)} seconds`;
}

/**
 * "this computer's clock is 20 minutes ahead of Alibaba Cloud's", from an offset (server minus local).
 * Capitalise it yourself when it starts a sentence.
 */
export function describeClockOffset(offsetMs: number): string {
  if (Math.abs(offsetMs) < 1000) return "this computer's clock agrees with Alibaba Cloud's";
  const direction = offsetMs < 0 ? 'ahead of' : 'behind';
  return `this computer's clock is ${amount(offsetMs)} ${direction} Alibaba Cloud's`;
}

/** The same, as the advice that goes with it. */
export function clockAdvice(offsetMs: number | undefined): string {
  const fix = 'Set the date, time and time zone correctly (turn on automatic time) and try again.';
  if (offsetMs === undefined) {
    return `This computer's clock is probably more than 15 minutes off Alibaba Cloud's. ${fix}`;
  }
  if (Math.abs(offsetMs) < NEGLIGIBLE_SKEW_MS) {
    return "This computer's clock agrees with Alibaba Cloud's, so the request's time was changed on the way (a proxy or security software?).";
  }
  const text = describeClockOffset(offsetMs);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}. ${fix}`;
}

/** An HTTP Date header (IMF-fixdate) as epoch ms, or undefined. */
export function parseHttpDate(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
