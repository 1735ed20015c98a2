// Vite configuration of the web app: sources in src/web, output in dist/web
// at the repository root (served by the Node server with an SPA fallback).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));
const apiTarget = process.env.RUAMJAI_API_URL ?? 'http://localhost:3000';

/** /api/… and /healthz go to the Node server (RUAMJAI_API_URL, default :3000). */
function apiProxy() {
  // changeOrigin false: the server compares Origin with Host to refuse cross-site writes
  return {
    '^/api/': { target: apiTarget, changeOrigin: false },
    '^/healthz$': { target: apiTarget, changeOrigin: false },
  };
}

export default defineConfig({
  root: webRoot,
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
  },
  // Regular expressions, not prefixes: a plain '/api' would also catch the
  // module /api.ts of the app itself.
  server: { proxy: apiProxy() },
  preview: { proxy: apiProxy() },
});
