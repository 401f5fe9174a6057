import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const sharedSrc = fileURLToPath(new URL('../../packages/shared/src/index.ts', import.meta.url));
const apiTarget = process.env.HRLINK_API_URL ?? 'http://127.0.0.1:3000';

// The server serves dist/ at /admin/ with an SPA fallback; the app uses BrowserRouter basename "/admin".
export default defineConfig({
  base: '/admin/',
  // No React plugin: esbuild's automatic JSX runtime is enough (no fast refresh in dev).
  esbuild: { jsx: 'automatic' },
  resolve: {
    // Use the shared contracts' TypeScript source directly (no build step needed for the admin).
    alias: { '@hrlink/shared': sharedSrc },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      onwarn(warning, warn) {
        // antd ships "use client" directives; they mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/[\\/](react|react-dom|scheduler|react-router|react-router-dom|@remix-run)[\\/]/.test(id)) return 'react';
          return 'vendor';
        },
      },
    },
  },
});
