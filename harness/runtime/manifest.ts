import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface ManifestModule {
  key: string;
  type: string;
  resolverFunction?: string;
}

/** A `consumer` module: the function Forge invokes for each event pushed to `queue` (@forge/events). */
export interface ManifestConsumer {
  key: string;
  queue: string;
  /** The function module's key (`function: …`). */
  function?: string;
  /** Set when the consumer is written in the older `resolver: { function, method }` form. */
  resolver?: { function?: string; method?: string };
}

/** A `scheduledTrigger` module: Forge invokes `function` every `interval` (as written; scheduler/triggers.ts checks it). */
export interface ManifestScheduledTrigger {
  key: string;
  function?: string;
  interval: string;
}

export interface AppManifest {
  /** Folder of manifest.yml: handler and resource paths resolve against it. */
  root: string;
  scopes: string[];
  modules: Map<string, ManifestModule>;
  /** function key → handler string as written (`index.handler`). */
  functions: Map<string, string>;
  /** function key → `timeoutSeconds`, for the function modules that set one. */
  functionTimeouts: Map<string, number>;
  consumers: ManifestConsumer[];
  scheduledTriggers: ManifestScheduledTrigger[];
}

interface RawModule {
  key: string;
  handler?: string;
  timeoutSeconds?: number;
  resolver?: { function?: string; method?: string };
  queue?: string;
  function?: string;
  interval?: string;
}

export function loadManifest(manifestPath: string): AppManifest {
  const raw = parse(fs.readFileSync(manifestPath, 'utf8')) as {
    modules?: Record<string, RawModule[]>;
    permissions?: { scopes?: string[] };
  };
  const modules = new Map<string, ManifestModule>();
  const functions = new Map<string, string>();
  const functionTimeouts = new Map<string, number>();
  const consumers: ManifestConsumer[] = [];
  const scheduledTriggers: ManifestScheduledTrigger[] = [];
  for (const [type, entries] of Object.entries(raw.modules ?? {})) {
    for (const entry of entries) {
      if (type === 'function') {
        if (entry.handler) functions.set(entry.key, entry.handler);
        if (entry.timeoutSeconds !== undefined) functionTimeouts.set(entry.key, entry.timeoutSeconds);
        continue;
      }
      if (type === 'consumer') {
        consumers.push({ key: entry.key, queue: String(entry.queue ?? ''), function: entry.function, resolver: entry.resolver });
        continue;
      }
      if (type === 'scheduledTrigger') {
        scheduledTriggers.push({ key: entry.key, function: entry.function, interval: String(entry.interval ?? '') });
        continue;
      }
      modules.set(entry.key, { key: entry.key, type, resolverFunction: entry.resolver?.function });
    }
  }
  return { root: path.dirname(path.resolve(manifestPath)), scopes: raw.permissions?.scopes ?? [], modules, functions, functionTimeouts, consumers, scheduledTriggers };
}
