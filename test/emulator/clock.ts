/** The server clock, offset by the `skew` setting so clients' clock-skew handling can be tested. */
export class Clock {
  constructor(private readonly skewSeconds: () => number) {}

  now(): number {
    return Date.now() + this.skewSeconds() * 1000;
  }
}

/** 15 minutes: both VOD and OSS refuse requests dated further than this from server time. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** ISO-8601 UTC without milliseconds, the form VOD and STS print (2026-11-21T11:20:31Z). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
