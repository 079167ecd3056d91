// `npm start`'s switches for the site-scale options, read from the environment (harness/start.ts passes them on):
//   JIRA_SIM_USERS=10000            generated users added to the demo site (default 0)
//   JIRA_SIM_SITE_SEED=text         their seed (default 'jira-sim-site')
//   JIRA_SIM_RATE_LIMITS=on         Jira's rate limits for the app (default off), tuned by
//     JIRA_SIM_APP_QUOTA_PER_HOUR, JIRA_SIM_USER_QUOTA_PER_HOUR, JIRA_SIM_GLOBAL_QUOTA_PER_HOUR, JIRA_SIM_BURST_PER_SECOND
import type { RateLimitOptions, Simulator, SimulatorOptions } from './types';

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, min: number): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
    throw new Error(`${name} must be an integer of at least ${min}, got '${raw}'`);
  }
  return Number(raw);
}

function onOff(env: Env, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (['', '0', 'off', 'false', 'no'].includes(raw)) return false;
  if (['1', 'on', 'true', 'yes'].includes(raw)) return true;
  throw new Error(`${name} must be on or off, got '${env[name]}'`);
}

export function simulatorOptionsFromEnv(env: Env): Pick<SimulatorOptions, 'siteUsers' | 'siteSeed' | 'rateLimits'> {
  const options: Pick<SimulatorOptions, 'siteUsers' | 'siteSeed' | 'rateLimits'> = {};
  const siteUsers = integer(env, 'JIRA_SIM_USERS', 0);
  if (siteUsers) options.siteUsers = siteUsers;
  if (env.JIRA_SIM_SITE_SEED) options.siteSeed = env.JIRA_SIM_SITE_SEED;
  if (onOff(env, 'JIRA_SIM_RATE_LIMITS')) {
    const limits: RateLimitOptions = {
      appQuotaPerHour: integer(env, 'JIRA_SIM_APP_QUOTA_PER_HOUR', 1),
      userQuotaPerHour: integer(env, 'JIRA_SIM_USER_QUOTA_PER_HOUR', 1),
      globalQuotaPerHour: integer(env, 'JIRA_SIM_GLOBAL_QUOTA_PER_HOUR', 1),
      burstPerSecond: integer(env, 'JIRA_SIM_BURST_PER_SECOND', 1),
    };
    options.rateLimits = Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
  }
  return options;
}

/** One line for the start-up log, or undefined when neither option is in use. */
export function describeSiteScale(simulator: Simulator, options: Pick<SimulatorOptions, 'rateLimits'>): string | undefined {
  const parts: string[] = [];
  const site = simulator.generatedSite;
  if (site) parts.push(`${site.total} generated users (${site.added} added now, in ${Math.round(site.ms)} ms)`);
  if (options.rateLimits) parts.push(`rate limits on (${JSON.stringify(options.rateLimits)}; defaults in harness/simulator/rate-limiter.ts)`);
  return parts.length > 0 ? `  Jira simulator: ${parts.join('; ')}` : undefined;
}
