/**
 * Jira's rate limits for apps, as the facts file (shared/guide/JIRA-AND-FORGE-FACTS.md, "Rate limits" and "More limits
 * and facts", after developer.atlassian.com/cloud/jira/platform/rate-limiting) describes them, in a simple model:
 * - An hourly points quota. `asApp()` draws on the app's budget, `asUser()` on the app+user budget (one per user):
 *   exhausted, they answer `RateLimit-Reason: jira-quota-tenant-based` (this one site is the tenant). Optionally a
 *   global pool for everything the app does (asApp and every asUser together): `jira-quota-global-based`.
 * - Every request costs 1 point, reads and writes alike, whatever its status. Jira adds per-object costs on reads; the
 *   simulator does not (so it is a lower bound on what Jira charges).
 * - A burst limit per second per endpoint (the OpenAPI operation) and method, for all of the app's traffic:
 *   `RateLimit-Reason: jira-burst-based`.
 * - Fixed windows: the quota resets at the top of each hour, the burst at each second (`X-RateLimit-Reset`).
 * Only requests by the app (the local Forge runtime's x-forge-principal, asApp or asUser) are limited: people with API
 * tokens and anonymous callers have their own limits in Jira, not modelled. A refused request costs nothing. Per-issue
 * write limits do not apply (the site has no issues).
 * Headers: on every answer to a limited principal `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`
 * (ISO time), `X-RateLimit-NearLimit: true` once under 20% of a budget is left, and the `Beta-RateLimit-Policy` /
 * `Beta-RateLimit` pair the facts file lists, written as the IETF draft's structured fields
 * (draft-ietf-httpapi-ratelimit-headers: `"name";q=<quota>;w=<window s>` and `"name";r=<remaining>;t=<reset s>`);
 * on a 429 also `Retry-After` (seconds) and `RateLimit-Reason`. The 429's body is an ErrorCollection.
 */
import { MESSAGES } from './errors';
import { errorResponse, type SimResponse } from './http';
import type { RateLimitOptions } from './types';

/** Defaults when limits are on: the simulator's own round numbers (neither the facts file nor the OpenAPI gives any). */
export const DEFAULT_RATE_LIMITS = { appQuotaPerHour: 10_000, userQuotaPerHour: 10_000, burstPerSecond: 100 } as const;

const HOUR_MS = 3_600_000;
const SECOND_MS = 1000;
/** "X-RateLimit-NearLimit … true under 20% left" (facts file). */
const NEAR_LIMIT_SHARE = 0.2;

export type RateLimitReason = 'jira-quota-tenant-based' | 'jira-quota-global-based' | 'jira-burst-based';

/** Who the app is acting as: itself (asApp) or a user (asUser). */
export type AppActor = { kind: 'app' } | { kind: 'user'; accountId: string };

interface Window {
  start: number;
  used: number;
}

interface Budget {
  /** The policy name in the Beta-RateLimit headers. */
  name: string;
  reason: RateLimitReason;
  limit: number;
  windowMs: number;
  key: string;
}

export type RateLimitDecision = { allowed: true; headers: Record<string, string> } | { allowed: false; response: SimResponse };

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly appQuota: number;
  private readonly userQuota: number;
  private readonly globalQuota: number | undefined;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions) {
    this.appQuota = positive(options.appQuotaPerHour ?? DEFAULT_RATE_LIMITS.appQuotaPerHour, 'appQuotaPerHour');
    this.userQuota = positive(options.userQuotaPerHour ?? DEFAULT_RATE_LIMITS.userQuotaPerHour, 'userQuotaPerHour');
    this.globalQuota = options.globalQuotaPerHour === undefined ? undefined : positive(options.globalQuotaPerHour, 'globalQuotaPerHour');
    this.burst = positive(options.burstPerSecond ?? DEFAULT_RATE_LIMITS.burstPerSecond, 'burstPerSecond');
    this.now = options.now ?? Date.now;
  }

  private used(budget: Budget, now: number): Window {
    const start = Math.floor(now / budget.windowMs) * budget.windowMs;
    let window = this.windows.get(budget.key);
    if (!window || window.start !== start) {
      window = { start, used: 0 };
      this.windows.set(budget.key, window);
    }
    return window;
  }

  private quotas(actor: AppActor): Budget[] {
    const tenant: Budget =
      actor.kind === 'app'
        ? { name: 'app-quota', reason: 'jira-quota-tenant-based', limit: this.appQuota, windowMs: HOUR_MS, key: 'quota:app' }
        : { name: 'app-user-quota', reason: 'jira-quota-tenant-based', limit: this.userQuota, windowMs: HOUR_MS, key: `quota:user:${actor.accountId}` };
    if (this.globalQuota === undefined) return [tenant];
    return [{ name: 'global-quota', reason: 'jira-quota-global-based', limit: this.globalQuota, windowMs: HOUR_MS, key: 'quota:global' }, tenant];
  }

  /** Charges one request by the app to `endpoint` (an OpenAPI path template) or refuses it with a 429. */
  take(actor: AppActor, method: string, endpoint: string): RateLimitDecision {
    const now = this.now();
    const quotas = this.quotas(actor);
    const burst: Budget = { name: 'burst', reason: 'jira-burst-based', limit: this.burst, windowMs: SECOND_MS, key: `burst:${method} ${endpoint}` };
    const exhausted = [...quotas, burst].find((budget) => this.used(budget, now).used >= budget.limit);
    if (exhausted) return { allowed: false, response: this.refusal(exhausted, quotas, now) };
    for (const budget of [...quotas, burst]) this.used(budget, now).used += 1;
    return { allowed: true, headers: this.headers(quotas, now) };
  }

  private remaining(budget: Budget, now: number): number {
    return Math.max(0, budget.limit - this.used(budget, now).used);
  }

  private resetAt(budget: Budget, now: number): number {
    return this.used(budget, now).start + budget.windowMs;
  }

  // Reported: the quota with the smallest share left (the one a client should watch).
  private headers(quotas: Budget[], now: number): Record<string, string> {
    const share = (budget: Budget) => this.remaining(budget, now) / budget.limit;
    const tightest = quotas.reduce((a, b) => (share(b) < share(a) ? b : a));
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(tightest.limit),
      'x-ratelimit-remaining': String(this.remaining(tightest, now)),
      'x-ratelimit-reset': new Date(this.resetAt(tightest, now)).toISOString(),
      'beta-ratelimit-policy': quotas.map((budget) => `"${budget.name}";q=${budget.limit};w=${budget.windowMs / SECOND_MS}`).join(', '),
      'beta-ratelimit': `"${tightest.name}";r=${this.remaining(tightest, now)};t=${this.secondsUntil(this.resetAt(tightest, now), now)}`,
    };
    if (quotas.some((budget) => share(budget) < NEAR_LIMIT_SHARE)) headers['x-ratelimit-nearlimit'] = 'true';
    return headers;
  }

  private secondsUntil(at: number, now: number): number {
    return Math.max(1, Math.ceil((at - now) / SECOND_MS));
  }

  private refusal(budget: Budget, quotas: Budget[], now: number): SimResponse {
    const reset = this.resetAt(budget, now);
    const policies = budget.reason === 'jira-burst-based' ? [budget] : quotas;
    const headers: Record<string, string> = {
      'retry-after': String(this.secondsUntil(reset, now)),
      'x-ratelimit-limit': String(budget.limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': new Date(reset).toISOString(),
      'x-ratelimit-nearlimit': 'true',
      'ratelimit-reason': budget.reason,
      'beta-ratelimit-policy': policies.map((p) => `"${p.name}";q=${p.limit};w=${p.windowMs / SECOND_MS}`).join(', '),
      'beta-ratelimit': `"${budget.name}";r=0;t=${this.secondsUntil(reset, now)}`,
    };
    return errorResponse(429, MESSAGES.rateLimited, {}, headers);
  }
}

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`rateLimits.${name} must be a positive integer, got ${String(value)}`);
  return value;
}
