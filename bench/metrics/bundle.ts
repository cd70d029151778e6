import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { BuildGraph, ChunkInfo } from '../build';
import type { MetricResult } from '../metric';

/**
 * Modules the body needs before it can take a keystroke: the editor and the window around it. Script
 * modules only: the embed inlines the editor's stylesheet as a string (`editor.css?inline`) into its
 * up-front chunk, which is CSS, not the editor. The window is `compose-window.tsx` (the shell that
 * loads) and `compose-session-window.tsx` (the window proper, a lazy chunk of its own).
 */
const EDITOR_MODULE = /node_modules\/(@tiptap|prosemirror-)|^src\/compose\/editor\/.*\.tsx?$/;
const WINDOW_MODULE = /^src\/compose\/ui\/compose-(session-)?window\.tsx$/;

const KB = 1024;

function gzipBytes(outDir: string, file: string): number {
  const full = path.join(outDir, file);
  // A chunk that held only CSS leaves no JS file (Vite removes it); its stylesheet is still counted.
  if (!fs.existsSync(full)) return 0;
  return zlib.gzipSync(fs.readFileSync(full), { level: 9 }).length;
}

/** The chunk and everything it imports statically (what loads before any lazy import runs). */
function staticClosure(graph: BuildGraph, file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const dep of graph.chunks[file]?.imports ?? []) staticClosure(graph, dep, into);
  return into;
}

function filesOf(graph: BuildGraph, chunks: Iterable<string>): string[] {
  const files = new Set<string>();
  for (const file of chunks) {
    files.add(file);
    for (const css of graph.chunks[file]?.css ?? []) files.add(css);
  }
  return [...files];
}

/** `node_modules/@tiptap/core/dist/…` → `@tiptap/core`; `src/compose/ui/x.tsx` → `src/compose/ui`. */
function owner(module: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  if (pkg) return pkg[1]!;
  return module.split('/').slice(0, module.startsWith('src/') ? 3 : 1).join('/').replace(/\.[a-z]+$/, '');
}

/** Bytes per package (or source folder) across `chunks` as rendered into them (before minification), largest first. */
function weightByOwner(graph: BuildGraph, chunks: Iterable<string>, top = 15): Record<string, number> {
  const totals = new Map<string, number>();
  for (const file of chunks) {
    for (const [module, bytes] of Object.entries(graph.chunks[file]?.moduleBytes ?? {})) totals.set(owner(module), (totals.get(owner(module)) ?? 0) + bytes);
  }
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).slice(0, top));
}

const holds = (chunk: ChunkInfo, pattern: RegExp) => chunk.modules.some((m) => pattern.test(m));

/**
 * Metric 1. For each page, the gzip bytes (level 9, per file, as a server would send them) of the JS
 * and CSS loaded before any lazy import, the lazy chunks that carry the editor or the window (needed
 * before the body takes a keystroke), and every other lazy chunk (loaded later, if at all).
 */
export function measureBundle(graph: BuildGraph): MetricResult[] {
  const size = (files: string[]) => files.reduce((sum, f) => sum + gzipBytes(graph.outDir, f), 0);
  const pages: Record<string, unknown> = {};
  let compose: { initial: number; total: number; editorInInitial: boolean } | undefined;
  for (const page of ['compose.html', 'index.html']) {
    const entry = graph.pages[page]!;
    const initial = staticClosure(graph, entry);
    const lazyNeeded = new Set<string>();
    const lazyLater: Record<string, number> = {};
    const seen = new Set<string>();
    const visitLazy = (file: string) => {
      for (const dynamic of graph.chunks[file]?.dynamicImports ?? []) {
        if (seen.has(dynamic)) continue;
        seen.add(dynamic);
        const closure = [...staticClosure(graph, dynamic)].filter((f) => !initial.has(f));
        const needed = closure.some((f) => holds(graph.chunks[f]!, EDITOR_MODULE) || holds(graph.chunks[f]!, WINDOW_MODULE));
        if (needed) closure.forEach((f) => lazyNeeded.add(f));
        else lazyLater[graph.chunks[dynamic]!.facade ?? dynamic] = size(filesOf(graph, closure));
        closure.forEach(visitLazy);
      }
    };
    [...initial].forEach(visitLazy);
    const editorInInitial = [...initial].some((f) => holds(graph.chunks[f]!, EDITOR_MODULE));
    const initialFiles = filesOf(graph, initial);
    const neededFiles = filesOf(graph, lazyNeeded).filter((f) => !initialFiles.includes(f));
    const initialBytes = size(initialFiles);
    const totalBytes = initialBytes + size(neededFiles);
    pages[page] = {
      initialGzipBytes: initialBytes,
      initialFiles: Object.fromEntries(initialFiles.map((f) => [f, gzipBytes(graph.outDir, f)])),
      editorInInitialChunks: editorInInitial,
      lazyNeededForKeystroke: Object.fromEntries(neededFiles.map((f) => [f, gzipBytes(graph.outDir, f)])),
      totalBeforeKeystrokeGzipBytes: totalBytes,
      lazyLoadedLater: lazyLater,
      largestInUpFrontChunksRenderedBytes: weightByOwner(graph, initial),
    };
    if (page === 'compose.html') compose = { initial: initialBytes, total: totalBytes, editorInInitial };
  }
  const { initial, total, editorInInitial } = compose!;
  const note = editorInInitial
    ? 'The editor (tiptap/ProseMirror) is in the chunks loaded up front, so nothing is loaded "before the editor chunk": the figure is everything loaded up front.'
    : 'The editor is a lazy chunk; the figure is what loads before it.';
  const method = 'static chunk graph of the production build (the same vite.config.ts, no source maps), gzip -9 per file; one build, so 1 run (the figure is deterministic)';
  const common = { measured: true, baseline: null, ratio: null, runs: 1 };
  return [
    {
      name: 'bundle.beforeEditor',
      value: initial,
      unit: 'bytes gzip',
      goal: '≤ 100 KB (102400 B) before the editor chunk',
      met: !editorInInitial && initial <= 100 * KB,
      median: initial,
      p95: initial,
      ...common,
      details: { method, note, pages },
    },
    {
      name: 'bundle.composeWindow',
      value: total,
      unit: 'bytes gzip',
      goal: '≤ 250 KB (256000 B) for the compose window in all',
      met: total <= 250 * KB,
      median: total,
      p95: total,
      ...common,
      details: { method, note: 'compose.html: the up-front chunks plus the lazy chunks that carry the editor or the window; per-file figures under bundle.beforeEditor' },
    },
  ];
}
