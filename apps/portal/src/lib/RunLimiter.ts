/** Why a run was refused: one is already running for this key, or too many started in the window. */
export type RunRefusal = { readonly code: 'run-in-progress' } | { readonly code: 'too-many-runs'; readonly retryAfterSeconds: number };

/**
 * Limits research runs per key (a researcher's WebID) in this process: one run at a time, and at most
 * `maxRuns` started in any `windowMs`. A run fans out to every consenting pod of three servers, so one
 * researcher must not be able to keep the servers busy. In memory, like the portal's sessions.
 */
export class RunLimiter {
  private readonly running = new Set<string>();
  private readonly started = new Map<string, number[]>();

  public constructor(
    private readonly maxRuns = 30,
    private readonly windowMs = 10 * 60_000,
  ) {}

  /**
   * Starts a run for `key` if allowed.
   * @returns a function ending the run (call it once, when the run ends), or the refusal
   */
  public tryStart(key: string, now: number = Date.now()): { end: () => void } | RunRefusal {
    if (this.running.has(key)) return { code: 'run-in-progress' };
    const recent = (this.started.get(key) ?? []).filter((time) => time > now - this.windowMs);
    if (recent.length >= this.maxRuns) {
      const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
      this.started.set(key, recent);
      return { code: 'too-many-runs', retryAfterSeconds };
    }
    recent.push(now);
    this.started.set(key, recent);
    this.running.add(key);
    let ended = false;
    return {
      end: () => {
        if (ended) return;
        ended = true;
        this.running.delete(key);
      },
    };
  }
}
