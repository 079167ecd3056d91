import { MESSAGES } from './errors';
import { errorResponse, type SimResponse } from './http';
import type { DropFaultKind, FaultRule, StatusFaultRule } from './types';

const FAULT_KINDS: ReadonlySet<string> = new Set(['status', 'drop-before', 'drop-after']);
const FAULT_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * What a matching rule does to one request: answer an error instead of handling it, or drop the connection
 * before handling it (nothing applied) or after handling it (applied, but the answer never reaches the client).
 */
export type FaultAction = { kind: 'status'; response: SimResponse } | { kind: DropFaultKind };

/** Latency for every response, and rules that answer an error or drop the connection. */
export class FaultInjector {
  latencyMs = 0;
  private rules: FaultRule[] = [];

  /** The rule object itself is kept: its `after`, then its `times`, count down as requests consume it. */
  add(rule: FaultRule): void {
    if (!Number.isInteger(rule.times) || rule.times < 0) throw new Error(`FaultRule.times must be a non-negative integer, got ${rule.times}`);
    if (rule.after !== undefined && (!Number.isInteger(rule.after) || rule.after < 0)) {
      throw new Error(`FaultRule.after must be a non-negative integer, got ${rule.after}`);
    }
    const kind = rule.kind ?? 'status';
    if (!FAULT_KINDS.has(kind)) throw new Error(`FaultRule.kind must be 'status', 'drop-before' or 'drop-after', got ${String(kind)}`);
    if (kind === 'status' && !FAULT_STATUSES.has(rule.status as number)) {
      throw new Error(`FaultRule.status must be one of 429, 500, 502, 503, 504, got ${String(rule.status)}`);
    }
    if (kind !== 'status' && (rule.status !== undefined || rule.retryAfterSeconds !== undefined)) {
      throw new Error(`a '${kind}' FaultRule drops the connection: it takes no status or retryAfterSeconds`);
    }
    this.rules.push(rule);
  }

  clear(): void {
    this.rules = [];
  }

  /** What to do with this request, consuming one use of the first matching rule; undefined when no rule matches. */
  take(method: string, pathname: string, now = Date.now()): FaultAction | undefined {
    const rule = this.rules.find(
      (r) =>
        r.times > 0 &&
        (r.method === undefined || r.method.toUpperCase() === method.toUpperCase()) &&
        (r.pathIncludes === undefined || pathname.includes(r.pathIncludes)),
    );
    if (!rule) return undefined;
    if (rule.after) {
      rule.after -= 1;
      return undefined;
    }
    rule.times -= 1;
    if (rule.kind === 'drop-before' || rule.kind === 'drop-after') return { kind: rule.kind };
    const { status, retryAfterSeconds } = rule as StatusFaultRule;

    const headers: Record<string, string> = {};
    if ((status === 429 || status === 503) && retryAfterSeconds !== undefined) {
      headers['retry-after'] = String(retryAfterSeconds);
    }
    if (status === 429) {
      headers['ratelimit-reason'] = 'jira-burst-based';
      if (retryAfterSeconds !== undefined) {
        headers['x-ratelimit-reset'] = new Date(now + retryAfterSeconds * 1000).toISOString();
      }
    }
    const message = status === 429 ? MESSAGES.rateLimited : MESSAGES.injectedFault(status);
    return { kind: 'status', response: errorResponse(status, message, {}, headers) };
  }
}
