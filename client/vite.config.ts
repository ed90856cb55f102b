import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
    // every built file also as .br and .gz, served by the server as Accept-Encoding asks
    compression({
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
      threshold: 1024,
    }),
  ],
  resolve: {
    // The shared ability is imported from the workspace root: without dedupe the bundle could
    // carry two copies of CASL, and two copies do not recognise each other's rules.
    dedupe: [
      'react',
      'react-dom',
      '@casl/ability',
      '@casl/prisma',
      '@ucast/core',
      '@ucast/js',
      '@ucast/mongo',
      '@ucast/mongo2js',
      'zod',
    ],
  },
  // Vite writes this placeholder as the nonce of the page's tags and in a csp-nonce meta element;
  // the server replaces it with each response's nonce (server/src/http/security-headers.ts).
  html: { cspNonce: 'VIGIL_CSP_NONCE' },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // zod's settings (app/content-security.ts) in zod's own chunk, which every chunk that
          // builds schemas loads first
          groups: [
            {
              name: 'zod',
              test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]app[\\/]content-security\.ts$/,
            },
          ],
        },
      },
    },
  },
});
