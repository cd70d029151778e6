import react from '@vitejs/plugin-react';
import { defineConfig, esmExternalRequirePlugin, type Plugin } from 'vite';

/**
 * The library build of the embed entries (docs/embedding.md), into dist-lib/:
 *
 *   vite build -c vite.lib.config.ts --mode mount   → dist-lib/mount.js  (React bundled in: any page can use it)
 *   vite build -c vite.lib.config.ts --mode react   → dist-lib/react.js  (React and React DOM are the host's)
 *
 * Two builds because "external" is one setting per build. `npm run build:lib` runs both and the
 * declarations (tsconfig.lib.json). ES modules only; nothing runs at import time.
 */
/** The host's own React, for the React entry (a peer dependency). */
const REACT_PACKAGES = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'];

/**
 * The components' own `import './x.css'` would become a stylesheet next to the bundle. The embed
 * never loads it (it injects the same CSS into its shadow root, see src/embed/scoped-css.ts), and a
 * host that linked it would style its own page with our rules: so it is not emitted at all.
 */
const dropStylesheets = (): Plugin => ({
  name: 'mailbox-compose:drop-stylesheets',
  enforce: 'post',
  generateBundle(_options, bundle) {
    for (const file of Object.keys(bundle)) if (file.endsWith('.css')) delete bundle[file];
  },
});

export default defineConfig(({ mode }) => {
  if (mode !== 'mount' && mode !== 'react') throw new Error('Build the library with --mode mount or --mode react (npm run build:lib runs both).');
  const bundlesReact = mode === 'mount';
  return {
    // Bundled CommonJS (use-sync-external-store, used by tiptap) calls require('react'): for the
    // React entry that must become an import of the host's React, not a require() a browser lacks.
    plugins: [react(), dropStylesheets(), ...(bundlesReact ? [] : [esmExternalRequirePlugin({ external: REACT_PACKAGES })])],
    publicDir: false,
    // Library mode leaves process.env.NODE_ENV for the host's bundler; a plain page has no
    // `process`, and the production build of React is the one to ship.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'dist-lib',
      // build:lib builds mount first: it starts from an empty folder, the react build adds to it.
      emptyOutDir: bundlesReact,
      target: 'es2022',
      sourcemap: true,
      // The self-contained script is minified; the React entry is left to the host's bundler.
      minify: bundlesReact,
      copyPublicDir: false,
      lib: {
        entry: { [mode]: bundlesReact ? 'src/embed/mount.tsx' : 'src/embed/react.ts' },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        // Lazily loaded parts (the schedule calendar) and shared code, kept apart per entry.
        output: { chunkFileNames: `${mode}-chunks/[name]-[hash].js` },
      },
    },
  };
});
