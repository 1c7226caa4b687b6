/**
 * The renderer's Content-Security-Policy. Everything is 'none' unless the app needs it: scripts and styles only
 * from the app's own bundle (no inline script, no eval), images from the bundle or data: URLs, no network at
 * all (the renderer talks only through the preload bridge; uploads run in main), no frames, no plugins, no
 * forms, no <base>.
 *
 * The renderer's index.html carries META_CONTENT_SECURITY_POLICY word for word in a <meta> tag, so the page is
 * covered even before any header path runs. `frame-ancestors` is not allowed in a <meta> policy (Chromium
 * ignores it there and warns), so it is added only to the header main sends for every app page (the app://
 * protocol handler and session.webRequest): CONTENT_SECURITY_POLICY.
 */
// A literal (not a joined list) so static scanners can read and check it.
export const META_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'";

/** The header: the meta policy, and no page may frame the app. */
export const CONTENT_SECURITY_POLICY = `${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** Adds the CSP header to a header map (Electron's onHeadersReceived shape), replacing any the page sent. */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
