import type { Summary } from './stats';

/** One row of the results: a figure, its baseline from the same run, and the goal it is held to. */
export interface MetricResult {
  name: string;
  /** Whether the figure exists; a metric that could not be measured says why and carries no number. */
  measured: boolean;
  reason?: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  /** value / baseline, when there is a baseline. */
  ratio: number | null;
  goal: string;
  met: boolean | null;
  runs: number;
  median: number | null;
  p95: number | null;
  /** Everything else worth reading (sub-figures, how it was measured, what failed). */
  details: Record<string, unknown>;
}

export function notMeasured(name: string, unit: string, goal: string, reason: string, details: Record<string, unknown> = {}): MetricResult {
  return { name, measured: false, reason, value: null, unit, baseline: null, ratio: null, goal, met: null, runs: 0, median: null, p95: null, details };
}

export function fromSummary(
  name: string,
  unit: string,
  goal: string,
  summary: Summary,
  fields: { value?: number; baseline?: number | null; met: boolean; details?: Record<string, unknown> },
): MetricResult {
  const value = fields.value ?? summary.median;
  const baseline = fields.baseline ?? null;
  return {
    name,
    measured: true,
    value,
    unit,
    baseline,
    ratio: baseline ? Math.round((value / baseline) * 100) / 100 : null,
    goal,
    met: fields.met,
    runs: summary.runs,
    median: Math.round(summary.median * 10) / 10,
    p95: Math.round(summary.p95 * 10) / 10,
    details: fields.details ?? {},
  };
}
