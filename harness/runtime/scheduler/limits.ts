// Forge's scheduled trigger figures, from developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/
// (the four intervals; the first run "about 5 minutes after app deployment") and
// developer.atlassian.com/platform/forge/manifest-reference/modules/function/ (`timeoutSeconds`: 55 s by default, at most 900).

export type TriggerInterval = 'fiveMinute' | 'hour' | 'day' | 'week';

const MINUTE = 60_000;

/** Each interval, in ms of the scheduler's clock. */
export const TRIGGER_INTERVAL_MS: Readonly<Record<TriggerInterval, number>> = {
  fiveMinute: 5 * MINUTE,
  hour: 60 * MINUTE,
  day: 24 * 60 * MINUTE,
  week: 7 * 24 * 60 * MINUTE,
};

export const isTriggerInterval = (value: string): value is TriggerInterval => Object.hasOwn(TRIGGER_INTERVAL_MS, value);

/** From the scheduler's start (the local "deployment") to each trigger's first run. */
export const DEFAULT_FIRST_RUN_DELAY_MS = 5 * MINUTE;

export const DEFAULT_TRIGGER_TIMEOUT_SECONDS = 55;
export const MAX_TRIGGER_TIMEOUT_SECONDS = 900;
