import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
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
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
