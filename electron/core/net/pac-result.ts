/**
 * Turns a PAC-style answer (what Chromium's resolveProxy returns: "DIRECT", "PROXY host:port; DIRECT",
 * "HTTPS host:port", "SOCKS5 host:port") into a proxy URL for the engine, or null for a direct connection.
 * The first entry the engine can use wins; SOCKS entries are skipped (the engine speaks HTTP CONNECT only),
 * and a list with nothing usable falls back to direct, as browsers do when every proxy is unreachable.
 */
export function proxyUrlFromPacResult(result: string): string | null {
  for (const raw of result.split(';')) {
    const [kind = '', hostPort] = raw.trim().split(/\s+/);
    const type = kind.toUpperCase();
    if (type === 'DIRECT') return null;
    if (!hostPort) continue;
    if (type === 'PROXY' || type === 'HTTP') return `http://${hostPort}`;
    if (type === 'HTTPS') return `https://${hostPort}`;
  }
  return null;
}
