import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The only CSP difference between builds: the browser host's loopback WebSocket, in preview builds only. */
export const PREVIEW_CONNECT_SRC = 'connect-src ws://127.0.0.1:*';

/**
 * index.html carries main's meta CSP word for word (test/unit/renderer/csp.test.ts checks it); preview builds
 * open connect-src to the loopback WebSocket and nothing else.
 */
export function cspPlugin(mode: string): Plugin {
  return {
    name: 'vod-csp',
    transformIndexHtml(html) {
      if (mode !== 'preview') return html;
      if (!html.includes("connect-src 'none'")) throw new Error("index.html CSP lost its connect-src 'none'");
      return html.replace("connect-src 'none'", PREVIEW_CONNECT_SRC);
    },
  };
}

/**
 * The renderer build. Electron loads it from its app:// scheme (hence the relative base); the browser host
 * builds the same entry in mode 'preview' into a temporary folder.
 */
export default defineConfig(({ mode }) => ({
  // Relative to the working directory (the repo root for npm scripts); the browser host passes its own.
  root: 'renderer',
  base: './',
  plugins: [react(), cspPlugin(mode)],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: true,
    // No inline scripts or data: modules: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
}));
