/**
 * The renderer's Content-Security-Policy. Main sends it as a response header for every app page (the app://
 * protocol handler and session.webRequest); the renderer's index.html carries the same string in a <meta> tag
 * so the page is covered even before the header path runs (keep the two identical).
 *
 * Everything is 'none' unless the app needs it: scripts and styles only from the app's own bundle (no inline
 * script, no eval), images from the bundle or data: URLs, no network at all (the renderer talks only through
 * the preload bridge; uploads run in main), no frames, no plugins, no forms, no <base>.
 */
// One literal (not a joined list) so static scanners can read and check it.
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Adds the CSP header to a header map (Electron's onHeadersReceived shape), replacing any the page sent. */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
