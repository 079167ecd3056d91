// The manifest's `consumer` modules, each bound to the function Forge invokes for its queue's events.
import type { AppManifest } from '../manifest';
import { DEFAULT_CONSUMER_TIMEOUT_SECONDS, MAX_CONSUMER_TIMEOUT_SECONDS } from './limits';

export interface QueueConsumer {
  /** The consumer module's key. */
  key: string;
  queueName: string;
  functionKey: string;
  /** The function module's handler (`index.handler`). */
  handler: string;
  timeoutSeconds: number;
  /** A function allowed more than the 55 s default takes events of at most 100 KB (limits-async-events). */
  longRunning: boolean;
}

const QUEUE_NAME = /^[a-zA-Z0-9-_]+$/;

/** queue name → consumer. A manifest Forge would refuse to deploy fails here, loudly. */
export function bindConsumers(manifest: AppManifest): Map<string, QueueConsumer> {
  const consumers = new Map<string, QueueConsumer>();
  for (const consumer of manifest.consumers) {
    const where = `manifest.yml consumer '${consumer.key}'`;
    if (!consumer.function) {
      // The older `resolver: { function, method }` form routes events through @forge/resolver; not modelled here.
      throw new Error(`${where}: only the \`function:\` form is supported by the local Forge runtime`);
    }
    if (!QUEUE_NAME.test(consumer.queue)) throw new Error(`${where}: queue '${consumer.queue}' is not a valid queue name`);
    const handler = manifest.functions.get(consumer.function);
    if (!handler) throw new Error(`${where}: no function module '${consumer.function}'`);
    const timeoutSeconds = manifest.functionTimeouts.get(consumer.function) ?? DEFAULT_CONSUMER_TIMEOUT_SECONDS;
    if (!(timeoutSeconds >= 1 && timeoutSeconds <= MAX_CONSUMER_TIMEOUT_SECONDS)) {
      throw new Error(`manifest.yml function '${consumer.function}': timeoutSeconds must be between 1 and ${MAX_CONSUMER_TIMEOUT_SECONDS}, not ${timeoutSeconds}`);
    }
    // One consumer per queue here: which of two the platform would pick is not documented.
    const other = consumers.get(consumer.queue);
    if (other) throw new Error(`${where}: queue '${consumer.queue}' already has consumer '${other.key}'`);
    consumers.set(consumer.queue, {
      key: consumer.key,
      queueName: consumer.queue,
      functionKey: consumer.function,
      handler,
      timeoutSeconds,
      longRunning: timeoutSeconds > DEFAULT_CONSUMER_TIMEOUT_SECONDS,
    });
  }
  return consumers;
}
