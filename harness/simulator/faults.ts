import { MESSAGES } from './errors';
import { errorResponse, type SimResponse } from './http';
import type { FaultRule } from './types';

/** Latency for every response, and rules that answer an error instead of handling the request. */
export class FaultInjector {
  latencyMs = 0;
  private rules: FaultRule[] = [];

  /** The rule object itself is kept: its `times` counts down as requests consume it. */
  add(rule: FaultRule): void {
    if (!Number.isInteger(rule.times) || rule.times < 0) throw new Error(`FaultRule.times must be a non-negative integer, got ${rule.times}`);
    this.rules.push(rule);
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault response for this request, consuming one use of the first matching rule; undefined when none. */
  take(method: string, pathname: string, now = Date.now()): SimResponse | undefined {
    const rule = this.rules.find(
      (r) =>
        r.times > 0 &&
        (r.method === undefined || r.method.toUpperCase() === method.toUpperCase()) &&
        (r.pathIncludes === undefined || pathname.includes(r.pathIncludes)),
    );
    if (!rule) return undefined;
    rule.times -= 1;

    const headers: Record<string, string> = {};
    if ((rule.status === 429 || rule.status === 503) && rule.retryAfterSeconds !== undefined) {
      headers['retry-after'] = String(rule.retryAfterSeconds);
    }
    if (rule.status === 429) {
      headers['ratelimit-reason'] = 'jira-burst-based';
      if (rule.retryAfterSeconds !== undefined) {
        headers['x-ratelimit-reset'] = new Date(now + rule.retryAfterSeconds * 1000).toISOString();
      }
    }
    const message = rule.status === 429 ? MESSAGES.rateLimited : MESSAGES.injectedFault(rule.status);
    return errorResponse(rule.status, message, {}, headers);
  }
}
