import type { MetricResult } from './metric';

const fmt = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(1));

/** The results as a fixed-width table for the terminal (and, with `markdown`, for docs/benchmarks.md). */
export function formatTable(metrics: MetricResult[], markdown = false): string {
  const header = ['metric', 'value', 'unit', 'baseline', 'ratio', 'goal', 'met', 'runs', 'median', 'p95'];
  const rows = metrics.map((m) =>
    m.measured
      ? [m.name, fmt(m.value), m.unit, fmt(m.baseline), m.ratio === null ? '—' : m.ratio.toFixed(2), m.goal, m.met ? 'yes' : 'NO', String(m.runs), fmt(m.median), fmt(m.p95)]
      : [m.name, 'not measured', m.unit, '—', '—', m.goal, '—', '0', '—', '—'],
  );
  if (markdown) {
    const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  for (const m of metrics) if (!m.measured) out.push(`  ${m.name}: not measured — ${m.reason}`);
  return out.join('\n');
}
