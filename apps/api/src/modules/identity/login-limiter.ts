// Failed logins are counted per username and per client address in a sliding
// window. The count lives in this process: with several API processes the
// effective limit is per process (noted in README's configuration table).
// One address may fail more often than one username (an office behind one
// NAT address has many people), so its limit is a multiple of the user's.
const ADDRESS_FACTOR = 5;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the next attempt is allowed, or 0. */
  retryAfter(keys: string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.prune(key, now);
      const max = key.startsWith('ip:') ? this.max * ADDRESS_FACTOR : this.max;
      if (recent.length >= max) wait = Math.max(wait, recent[0] + this.windowMs - now);
    }
    return wait;
  }

  fail(keys: string[], now: number): void {
    for (const key of keys) {
      const recent = this.prune(key, now);
      recent.push(now);
      this.failures.set(key, recent);
    }
  }

  succeed(keys: string[]): void {
    for (const key of keys) if (!key.startsWith('ip:')) this.failures.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }
}
