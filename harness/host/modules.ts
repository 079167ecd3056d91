// The UI Kit modules a local Jira host can show, read from manifest.yml: which module types it knows how to place,
// their titles, and the resource entry each one renders. Node-side only (the build and the server use it).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Module types this host can show, with where Jira puts them. */
export const HOSTED_MODULE_TYPES = {
  'jira:adminPage': { place: 'Jira settings → Apps' },
  'jira:personalSettingsPage': { place: 'Profile → Personal settings' },
} as const;

export type HostedModuleType = keyof typeof HOSTED_MODULE_TYPES;

export interface HostedModule {
  key: string;
  type: HostedModuleType;
  title: string;
  /** Key of the module's resource in manifest.yml (what Forge's bundler names its output after). */
  resource: string;
  /** Absolute path of the frontend entry the module's resource names. */
  entry: string;
  /** File name of the module's app bundle in the build output. */
  bundle: string;
}

export interface ManifestTranslations {
  /** locale → absolute path of its JSON resource. */
  resources: Record<string, string>;
  fallback: Record<string, unknown>;
}

export const DEFAULT_MANIFEST = path.resolve(__dirname, '../../manifest.yml');

interface RawManifest {
  app?: { id?: string };
  permissions?: { scopes?: string[] };
  modules?: Record<string, Array<{ key: string; resource?: string; render?: string; title?: unknown }>>;
  resources?: Array<{ key: string; path: string }>;
  translations?: { resources?: Array<{ key: string; path: string }>; fallback?: Record<string, unknown> };
}

const readManifest = (manifestPath: string) => parse(fs.readFileSync(manifestPath, 'utf8')) as RawManifest;

export const bundleFileFor = (moduleKey: string) => `app-${moduleKey.replace(/[^A-Za-z0-9_-]/g, '_')}.js`;

export interface HostManifest {
  /** The app's id without the ARI prefix (a uuid). */
  appId: string;
  scopes: string[];
  /** The UI Kit (`render: native`) modules of hosted types, in manifest order. */
  modules: HostedModule[];
  /** The manifest's `translations`, if any: what `@forge/bridge`'s i18n fetches from `./__LOCALES__/`. */
  translations?: ManifestTranslations;
  /** Every entry of the manifest's `resources`: key → absolute path (a UI Kit entry file or a Custom UI folder). */
  resources: Record<string, string>;
}

export function loadHostManifest(manifestPath: string = DEFAULT_MANIFEST): HostManifest {
  const raw = readManifest(manifestPath);
  const root = path.dirname(path.resolve(manifestPath));
  const resources = new Map((raw.resources ?? []).map((r) => [r.key, r.path]));
  const modules: HostedModule[] = [];
  for (const [type, entries] of Object.entries(raw.modules ?? {})) {
    if (!(type in HOSTED_MODULE_TYPES)) continue;
    for (const entry of entries) {
      if (entry.render !== 'native') continue;
      const resourcePath = entry.resource ? resources.get(entry.resource) : undefined;
      if (!resourcePath) throw new Error(`manifest.yml: module '${entry.key}' names resource '${entry.resource}', which is not declared`);
      // A title may be `{ i18n: key }`; the host shows the key then, which is enough to pick the page.
      const title = typeof entry.title === 'string' ? entry.title : JSON.stringify(entry.title ?? entry.key);
      modules.push({ key: entry.key, type: type as HostedModuleType, title, resource: entry.resource as string, entry: path.resolve(root, resourcePath), bundle: bundleFileFor(entry.key) });
    }
  }
  const translations = raw.translations?.resources?.length
    ? {
        resources: Object.fromEntries(raw.translations.resources.map((r) => [r.key, path.resolve(root, r.path)])),
        fallback: raw.translations.fallback ?? {},
      }
    : undefined;
  return {
    appId: (raw.app?.id ?? 'local-app').replace(/^ari:cloud:ecosystem::app\//, ''),
    scopes: raw.permissions?.scopes ?? [],
    modules,
    translations,
    resources: Object.fromEntries([...resources].map(([key, resourcePath]) => [key, path.resolve(root, resourcePath)])),
  };
}

export const loadHostedModules = (manifestPath: string = DEFAULT_MANIFEST): HostedModule[] => loadHostManifest(manifestPath).modules;
