/**
 * A token bucket per key (an API token's id), in this process's memory:
 * `limit` requests a minute, refilled continuously, so a client may burst
 * up to the limit and then goes at limit/60 per second. The server is one
 * process (docs/decisions/076); several would each keep their own buckets.
 */
interface Bucket {
  tokens: number;
  at: number;
}

const state = globalThis as unknown as { __htRateBuckets?: Map<string, Bucket> };
const buckets = (state.__htRateBuckets ??= new Map());

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export function takeToken(key: string, limitPerMinute: number, now = Date.now()): RateDecision {
  const perMs = limitPerMinute / 60_000;
  const bucket = buckets.get(key) ?? { tokens: limitPerMinute, at: now };
  bucket.tokens = Math.min(limitPerMinute, bucket.tokens + (now - bucket.at) * perMs);
  bucket.at = now;
  buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { ok: true, remaining: Math.floor(bucket.tokens) };
  }
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
}

/** Forgets every bucket (tests). */
export function resetRateLimits() {
  buckets.clear();
}
