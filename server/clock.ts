/**
 * The server's notion of "now". Everything time-dependent (session expiry, the undo window,
 * scheduled delivery) reads this clock, so tests can move time instead of waiting for it.
 */
export interface Clock {
  /** Unix milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that runs with real time but can be set or advanced (the test control API uses it).
 * Listeners run after every change so time-driven work (the processing queue) reacts at once.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.base.now() + this.offsetMs;
  }

  set(nowMs: number): void {
    this.offsetMs = nowMs - this.base.now();
    this.changed();
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('The clock only moves forward');
    this.offsetMs += ms;
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

export const nowSeconds = (clock: Clock): number => Math.floor(clock.now() / 1000);
