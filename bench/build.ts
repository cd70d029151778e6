import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'vite';

/** One output chunk as the bundler saw it: what it statically and lazily imports, and which modules it holds. */
export interface ChunkInfo {
  file: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
  /** The module a dynamic entry was made for, relative to the project (e.g. src/compose/ui/schedule-calendar.tsx). */
  facade: string | null;
  imports: string[];
  dynamicImports: string[];
  css: string[];
  modules: string[];
  /** Bytes each module contributes to the chunk as rendered (before minification), to see where the weight is. */
  moduleBytes: Record<string, number>;
}

export interface BuildGraph {
  outDir: string;
  chunks: Record<string, ChunkInfo>;
  /** HTML page → the entry chunk file it loads. */
  pages: Record<string, string>;
}

/**
 * The production build exactly as `vite build` makes it (same vite.config.ts, no source maps), then the
 * bench-only pages (the plain contenteditable baseline and the uploader page) through the same config
 * into the same folder. A small plugin records the product's chunk graph, so the bundle metric needs
 * no guessing from file names.
 */
export async function buildForBench(root: string, outDir: string): Promise<BuildGraph> {
  const chunks: Record<string, ChunkInfo> = {};
  const relative = (id: string | null | undefined) => (id ? path.relative(root, id.replace(/\?.*$/, '')) : null);
  const recorder: Plugin = {
    name: 'bench-chunk-graph',
    generateBundle(_options, bundle) {
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        const meta = (item as { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata;
        chunks[item.fileName] = {
          file: item.fileName,
          isEntry: item.isEntry,
          isDynamicEntry: item.isDynamicEntry,
          facade: relative(item.facadeModuleId),
          imports: [...item.imports],
          dynamicImports: [...item.dynamicImports],
          css: [...(meta?.importedCss ?? [])],
          modules: item.moduleIds.map((id) => relative(id)!),
          moduleBytes: Object.fromEntries(Object.entries(item.modules).map(([id, m]) => [relative(id)!, m.renderedLength])),
        };
      }
    },
  };
  // 1. The product build, untouched: its chunk layout is what users download.
  await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [recorder],
    // Sizes are measured without source maps (users never download them).
    build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 100_000 },
  });
  // 2. The bench pages through the same config into the same folder (same origin when served),
  // built separately so they cannot change how the product is split into chunks.
  const onlyBenchPages: Plugin = {
    name: 'bench-pages-only',
    config(config) {
      // Replaces (not merges with) the product inputs.
      config.build!.rolldownOptions!.input = {
        'bench-baseline': path.join(root, 'bench/baseline.html'),
        'bench-uploader': path.join(root, 'bench/uploader.html'),
      };
    },
  };
  await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [onlyBenchPages],
    build: { outDir, emptyOutDir: false, sourcemap: false, chunkSizeWarningLimit: 100_000, rolldownOptions: {} },
  });
  const pages: Record<string, string> = {};
  for (const page of ['index.html', 'compose.html', 'bench/baseline.html', 'bench/uploader.html']) {
    const html = fs.readFileSync(path.join(outDir, page), 'utf8');
    const src = /<script type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
    if (!src) throw new Error(`no module script in the built ${page}`);
    pages[page] = src;
  }
  return { outDir, chunks, pages };
}
