// The manifest's `scheduledTrigger` modules, each bound to the function Forge invokes on its interval.
import type { AppManifest } from '../manifest';
import { DEFAULT_TRIGGER_TIMEOUT_SECONDS, isTriggerInterval, MAX_TRIGGER_TIMEOUT_SECONDS, TRIGGER_INTERVAL_MS, type TriggerInterval } from './limits';

export interface ScheduledTrigger {
  /** The scheduledTrigger module's key. */
  key: string;
  functionKey: string;
  /** The function module's handler (`index.handler`). */
  handler: string;
  interval: TriggerInterval;
  intervalMs: number;
  timeoutSeconds: number;
}

/** trigger key → trigger, in manifest order. A manifest Forge would refuse to deploy fails here, loudly. */
export function bindTriggers(manifest: AppManifest): Map<string, ScheduledTrigger> {
  const triggers = new Map<string, ScheduledTrigger>();
  for (const trigger of manifest.scheduledTriggers) {
    const where = `manifest.yml scheduledTrigger '${trigger.key}'`;
    if (!trigger.key) throw new Error('manifest.yml: a scheduledTrigger module has no key');
    if (triggers.has(trigger.key)) throw new Error(`${where}: the key is used by another scheduledTrigger`);
    if (!trigger.function) throw new Error(`${where}: no \`function:\``);
    const handler = manifest.functions.get(trigger.function);
    if (!handler) throw new Error(`${where}: no function module '${trigger.function}'`);
    if (!isTriggerInterval(trigger.interval)) {
      throw new Error(`${where}: interval '${trigger.interval}' is not one of ${Object.keys(TRIGGER_INTERVAL_MS).join(', ')}`);
    }
    const timeoutSeconds = manifest.functionTimeouts.get(trigger.function) ?? DEFAULT_TRIGGER_TIMEOUT_SECONDS;
    if (!(timeoutSeconds >= 1 && timeoutSeconds <= MAX_TRIGGER_TIMEOUT_SECONDS)) {
      throw new Error(`manifest.yml function '${trigger.function}': timeoutSeconds must be between 1 and ${MAX_TRIGGER_TIMEOUT_SECONDS}, not ${timeoutSeconds}`);
    }
    triggers.set(trigger.key, {
      key: trigger.key,
      functionKey: trigger.function,
      handler,
      interval: trigger.interval,
      intervalMs: TRIGGER_INTERVAL_MS[trigger.interval],
      timeoutSeconds,
    });
  }
  return triggers;
}
