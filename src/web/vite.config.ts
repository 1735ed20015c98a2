// Vite configuration of the web app: sources in src/web, output in dist/web
// at the repository root (served by the Node server with an SPA fallback).
// The service worker (sw.ts) is built as a second entry into /sw.js, with
// the list of every built file written into it (see serviceWorker below).
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));
const publicDir = path.join(webRoot, 'public');
const apiTarget = process.env.RUAMJAI_API_URL ?? 'http://localhost:3000';

/** /api/… and /healthz go to the Node server (RUAMJAI_API_URL, default :3000). */
function apiProxy() {
  // changeOrigin false: the server compares Origin with Host to refuse cross-site writes
  return {
    '^/api/': { target: apiTarget, changeOrigin: false },
    '^/healthz$': { target: apiTarget, changeOrigin: false },
  };
}

function publicFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...publicFiles(full, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

/**
 * Writes the precache list (every built file but source maps and the .woff
 * fallbacks of .woff2 fonts) and its hash into sw.js.
 */
function serviceWorker(): Plugin {
  return {
    name: 'ruamjai-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      // after Vite has written index.html into the bundle
      order: 'post',
      handler(_options, bundle) {
        const sw = Object.values(bundle).find((f) => f.type === 'chunk' && f.fileName === 'sw.js');
        if (!sw || sw.type !== 'chunk') return;
        const built = Object.keys(bundle).filter((f) => f !== 'sw.js' && !f.endsWith('.map') && !f.endsWith('.woff'));
        const files = [...built, ...publicFiles(publicDir)].map((f) => `/${f.replace(/\\/g, '/')}`).sort();
        const html = bundle['index.html'];
        const version = createHash('sha256')
          .update(files.join('\n'))
          .update(html && html.type === 'asset' ? String(html.source) : '')
          .digest('hex')
          .slice(0, 16);
        sw.code = sw.code.replace('__RUAMJAI_PRECACHE__', JSON.stringify(files)).replace('__RUAMJAI_VERSION__', version);
      },
    },
  };
}

export default defineConfig({
  root: webRoot,
  publicDir: 'public',
  plugins: [react(), serviceWorker()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: { index: path.join(webRoot, 'index.html'), sw: path.join(webRoot, 'sw.ts') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  // Regular expressions, not prefixes: a plain '/api' would also catch the
  // module /api.ts of the app itself.
  server: { proxy: apiProxy() },
  preview: { proxy: apiProxy() },
});
