import path from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * The web app: `nx build web` writes dist/apps/web, which the gateway serves at `/`;
 * `nx serve web` (npm run dev) serves it on :4200 and proxies the API to the gateway on :3000.
 */
const root = import.meta.dirname;

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: path.resolve(root, '../../dist/apps/web'), emptyOutDir: true, sourcemap: false },
  server: {
    port: 4200,
    strictPort: true,
    proxy: { '/api': { target: process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    testTimeout: 20_000,
  },
});
