// Two apps from one build: the member site (index.html, phones) and the staff console
// (console/index.html). The server serves web/dist and falls back to each app's page.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => decodeURIComponent(new URL(p, import.meta.url).pathname);

/** In `vite dev`, deep links under /console/ get the console's page, as the server does. */
function consoleFallback(): Plugin {
  return {
    name: 'gonghui-console-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        if (req.method === 'GET' && path.startsWith('/console') && !path.includes('.')) {
          req.url = '/console/index.html';
        }
        next();
      });
    },
  };
}

export default defineConfig({
  root: here('./'),
  base: '/',
  plugins: [react(), consoleFallback()],
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    // antd alone is larger than Vite's default warning threshold; the console is a desktop app.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      input: {
        member: here('./index.html'),
        console: here('./console/index.html'),
      },
      output: {
        // zod and web/shared/zod-jitless.ts in one chunk, the setting last: every chunk that builds a
        // contract schema imports this one, so zod is jitless before any schema exists (otherwise
        // its probe for `new Function` is a CSP violation — see zod-jitless.ts).
        manualChunks: (id) => (id.includes('/node_modules/zod/') || id.endsWith('/web/shared/zod-jitless.ts') ? 'zod' : undefined),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
