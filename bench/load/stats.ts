import { percentile, round } from '../stats';

/** Latency and outcome of every request, per endpoint, for the load run. */

export interface EndpointFigures {
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface RequestError {
  endpoint: string;
  status: number | 'network';
  message: string;
}

/** The bench's nearest-rank percentile, 0 for an endpoint with no requests. */
const percentileOrZero = (values: readonly number[], p: number): number => (values.length === 0 ? 0 : percentile(values, p));

export class LoadStats {
  private readonly latencies = new Map<string, number[]>();
  /** Latencies of requests started after the warm-up (every client signed in and composing). */
  private readonly steadyLatencies: number[] = [];
  private readonly errorCounts = new Map<string, number>();
  /** The first errors in full (the rest are only counted), so a failed run says why. */
  readonly firstErrors: RequestError[] = [];

  /** @param warmUpEndsAt `performance.now()` from which requests count as steady state. */
  constructor(private readonly warmUpEndsAt = 0) {}

  record(endpoint: string, ms: number, error?: Omit<RequestError, 'endpoint'>, startedAt = Infinity): void {
    const list = this.latencies.get(endpoint) ?? [];
    list.push(ms);
    if (startedAt >= this.warmUpEndsAt) this.steadyLatencies.push(ms);
    this.latencies.set(endpoint, list);
    if (error) {
      this.errorCounts.set(endpoint, (this.errorCounts.get(endpoint) ?? 0) + 1);
      if (this.firstErrors.length < 20) this.firstErrors.push({ endpoint, ...error });
    }
  }

  byEndpoint(): Record<string, EndpointFigures> {
    const figures: Record<string, EndpointFigures> = {};
    for (const [endpoint, values] of [...this.latencies].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...values].sort((a, b) => a - b);
      figures[endpoint] = {
        requests: sorted.length,
        errors: this.errorCounts.get(endpoint) ?? 0,
        p50Ms: round(percentileOrZero(sorted, 50)),
        p99Ms: round(percentileOrZero(sorted, 99)),
        maxMs: round(sorted.at(-1) ?? 0),
      };
    }
    return figures;
  }

  /** Requests started after the warm-up, all endpoints together. */
  steady(): Omit<EndpointFigures, 'errors'> {
    const sorted = [...this.steadyLatencies].sort((a, b) => a - b);
    return { requests: sorted.length, p50Ms: round(percentileOrZero(sorted, 50)), p99Ms: round(percentileOrZero(sorted, 99)), maxMs: round(sorted.at(-1) ?? 0) };
  }

  /** Every request of the run together. */
  overall(): EndpointFigures {
    const sorted = [...this.latencies.values()].flat().sort((a, b) => a - b);
    const errors = [...this.errorCounts.values()].reduce((sum, n) => sum + n, 0);
    return {
      requests: sorted.length,
      errors,
      p50Ms: round(percentileOrZero(sorted, 50)),
      p99Ms: round(percentileOrZero(sorted, 99)),
      maxMs: round(sorted.at(-1) ?? 0),
    };
  }
}

/** A plain-text table of the per-endpoint figures. */
export function formatTable(figures: Record<string, EndpointFigures>, overall: EndpointFigures): string {
  const rows = [...Object.entries(figures), ['all requests', overall] as const];
  const header = ['endpoint', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms'];
  const cells = rows.map(([name, f]) => [name, String(f.requests), String(f.errors), f.p50Ms.toFixed(1), f.p99Ms.toFixed(1), f.maxMs.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
