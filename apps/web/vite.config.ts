import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API runs on :3000 (`pnpm start`); in dev Vite serves the app and forwards /api,
// so the browser sees one origin exactly as in production (no CORS setup needed).
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: true } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Our budget is on gzipped size (checked in e2e); antd's raw chunk is legitimately large.
    chunkSizeWarningLimit: 1200,
  },
});
