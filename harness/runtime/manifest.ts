import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface ManifestModule {
  key: string;
  type: string;
  resolverFunction?: string;
}

export interface AppManifest {
  /** Folder of manifest.yml: handler and resource paths resolve against it. */
  root: string;
  scopes: string[];
  modules: Map<string, ManifestModule>;
  /** function key → handler string as written (`index.handler`). */
  functions: Map<string, string>;
}

interface RawModule {
  key: string;
  handler?: string;
  resolver?: { function?: string };
}

export function loadManifest(manifestPath: string): AppManifest {
  const raw = parse(fs.readFileSync(manifestPath, 'utf8')) as {
    modules?: Record<string, RawModule[]>;
    permissions?: { scopes?: string[] };
  };
  const modules = new Map<string, ManifestModule>();
  const functions = new Map<string, string>();
  for (const [type, entries] of Object.entries(raw.modules ?? {})) {
    for (const entry of entries) {
      if (type === 'function') {
        if (entry.handler) functions.set(entry.key, entry.handler);
        continue;
      }
      modules.set(entry.key, { key: entry.key, type, resolverFunction: entry.resolver?.function });
    }
  }
  return { root: path.dirname(path.resolve(manifestPath)), scopes: raw.permissions?.scopes ?? [], modules, functions };
}
