import httpx from 'httpx';
import { parseHttpDate } from '../net/server-clock';

/**
 * The server's clock, read from the Date header of a plain GET of the endpoint's root. openapi-client drops
 * the headers of an error answer, so the InvalidTimeStamp.Expired answer itself cannot tell the time; any
 * answer of the same gateway can (an HTTP origin server with a clock must send Date, RFC 9110 §6.6.1).
 * Sent with httpx, like the SDK, so it takes the same proxy. Returns the server time at the moment the
 * answer was received (midpoint of the exchange), or undefined when nothing usable came back.
 */
export async function probeServerTime(
  baseUrl: string,
  timeoutMs = 5_000,
): Promise<{ serverTimeMs: number; localTimeMs: number } | undefined> {
  const started = Date.now();
  try {
    const response = await httpx.request(`${baseUrl.replace(/\/+$/, '')}/`, {
      method: 'GET',
      headers: { accept: 'application/json' },
      connectTimeout: timeoutMs,
      readTimeout: timeoutMs,
    });
    await httpx.read(response, 'utf8');
    const serverTimeMs = parseHttpDate(response.headers.date);
    if (serverTimeMs === undefined) return undefined;
    // Date has a one-second resolution and names the second the answer was made: its middle is the best guess.
    return { serverTimeMs: serverTimeMs + 500, localTimeMs: (started + Date.now()) / 2 };
  } catch {
    return undefined;
  }
}
