/**
 * A token bucket per key: a burst of `burst` calls (one minute's worth by default), refilled
 * continuously at `perMinute`. It remembers at most `maxKeys` keys, the least recently used
 * leaving first, so a flood of distinct keys costs bounded memory (and at worst forgets a client,
 * which then gets a full bucket again).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly burst: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(
    readonly perMinute: number,
    options: { burst?: number; maxKeys?: number; now?: () => number } = {},
  ) {
    this.burst = options.burst ?? perMinute;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts a call; seconds to wait when the key is over its limit (the call is then not counted), else 0. */
  take(key: string): number {
    const bucket = this.refill(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.secondsUntilOne(bucket.tokens);
  }

  /** Like `take`, without counting: seconds to wait before the key may call again, or 0. */
  wait(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.burst, bucket.tokens + ((this.now() - bucket.at) * this.perMinute) / 60_000);
    return tokens >= 1 ? 0 : this.secondsUntilOne(tokens);
  }

  private refill(key: string): { tokens: number; at: number } {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key);
      bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
      bucket.at = now;
    } else {
      bucket = { tokens: this.burst, at: now };
      if (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
    }
    // Map order is recency order: re-inserted at the end.
    this.buckets.set(key, bucket);
    return bucket;
  }

  private secondsUntilOne(tokens: number): number {
    return Math.max(1, Math.ceil(((1 - tokens) * 60) / this.perMinute));
  }
}

/**
 * One log line for a kind of event that an anonymous client can repeat at will: the first
 * occurrence is logged with its detail, the following ones are counted and summed up in one line
 * at most every `intervalMs`. A flood of refused requests then costs a line a minute, not a line
 * (and a stack trace) each.
 */
export class SampledLog {
  private count = 0;
  private readonly clients = new Set<string>();
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly log: (message: string) => void,
    private readonly what: string,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  note(client: string, detail: string): void {
    const now = this.now();
    this.count += 1;
    if (this.clients.size < 1000) this.clients.add(client);
    if (now - this.last < this.intervalMs) return;
    const first = this.last === Number.NEGATIVE_INFINITY;
    this.log(
      first || this.count === 1
        ? `${this.what} (${detail}); more are summed up at most once a minute`
        : `${this.what}: ${this.count} in the last ${Math.round((now - this.last) / 1000)} s from ${this.clients.size}${this.clients.size >= 1000 ? '+' : ''} client(s); latest: ${detail}`,
    );
    this.last = now;
    this.count = 0;
    this.clients.clear();
  }
}
