/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Dev and preview servers are started by scripts/serve.ts, which adds the /api proxy to the
// Mailbox API server it starts (or to MAILBOX_API_URL). This file holds what never changes.
export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // compose.html: the compose window alone, for hosts that embed it in an iframe (docs/embedding.md).
    rolldownOptions: { input: { main: 'index.html', compose: 'compose.html' } },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['src/testing/setup-tests.ts'],
        },
      },
    ],
  },
});
