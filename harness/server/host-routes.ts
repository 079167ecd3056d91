// The local Jira host's endpoints on the app server:
//   GET /                          the host page (?as=<accountId>&module=<moduleKey>)
//   GET /__host/info               what is running (the former landing page)
//   GET /__host/accounts           the seeded accounts, inactive ones included (a generated site: the demo ones)
//   GET /__host/user-picker        ?as=&query=  Jira's /user/picker, asked AS that account
//   GET /__host/users/<accountId>  ?as=         one user (for User and a UserPicker's defaultValue), asked as that account
//   GET /__host/assets/<file>      the built bundles
//   GET /__host/resources/<key>/…  a Custom UI resource's folder, for UI Kit's Frame (index.html with the frame bridge)
//   GET /__LOCALES__/…             the manifest's translations, where @forge/bridge's i18n looks for them (also under
//                                  each resource: /__host/resources/<key>/__LOCALES__/…, relative to a frame's page)
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { readHostAssets } from '../host/build';
import { CONTEXT_THEME, RESOURCE_PREFIX, type FrameResourceInfo, type HostAccount, type HostModuleInfo, type HostPageConfig, type HostUser } from '../host/config';
import { DEFAULT_MANIFEST, loadHostManifest, type HostManifest } from '../host/modules';
import { FORGE_PRINCIPAL_HEADER, FORGE_SECRET_HEADER, principalHeaderValue } from '../runtime/principal-channel';
import type { Simulator, SimUser } from '../simulator';
import { frameResourceInfo, serveResourceFile } from './frame-resources';
import { listedAccounts } from './listed-accounts';
import { renderIndexPage } from './index-page';
import { ASSET_PREFIX, escapeHtml, hostPageUrl, renderHostPage, renderHostProblemPage } from './host-page';
import { sendJson } from './read-json';

export const DEFAULT_HOST_ASSETS_DIR = path.resolve(__dirname, '../../.build/host');

/** The cloudId the local site has; the app server gives the runtime the same one, so resolver and page agree. */
export const LOCAL_CLOUD_ID = 'local-cloud-0000';
const SITE_NAME = 'Jira (local)';

export interface HostRoutesOptions {
  simulator: Simulator;
  /** The app server's own URL (the simulator answers there). */
  baseUrl: () => string;
  assetsDir?: string;
  manifestPath?: string;
  /** Runs before each page is served: `npm start` rebuilds the bundles here, so a reload shows source edits. */
  prepareAssets?: () => Promise<unknown>;
  /**
   * Resource key → folder, on top of (or instead of) the manifest's `resources`: what a `Frame` can load. Tests put a
   * fixture Custom UI resource here.
   */
  resourceDirs?: Record<string, string>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

const avatarFor = (baseUrl: string, accountId: string) => `${baseUrl}/avatars/${encodeURIComponent(accountId)}.svg?size=48`;

function toAccount(user: SimUser, baseUrl: string): HostAccount {
  return {
    accountId: user.accountId,
    displayName: user.displayName,
    email: user.email,
    active: user.active,
    isAdmin: user.isAdmin,
    avatarUrl: avatarFor(baseUrl, user.accountId),
  };
}

/** Jira locales are `en_AU`; Forge's context uses BCP 47 tags. */
const forgeLocale = (jiraLocale: string) => jiraLocale.replace('_', '-');

export function createHostRoutes(options: HostRoutesOptions) {
  const { simulator } = options;
  const assetsDir = options.assetsDir ?? DEFAULT_HOST_ASSETS_DIR;
  const manifest: HostManifest = loadHostManifest(options.manifestPath ?? DEFAULT_MANIFEST);
  const moduleInfos: HostModuleInfo[] = manifest.modules.map((m) => ({ key: m.key, type: m.type, title: m.title }));
  const resourcePaths: Record<string, string> = { ...manifest.resources };
  for (const [key, dir] of Object.entries(options.resourceDirs ?? {})) resourcePaths[key] = path.resolve(dir);
  const resourcePath = (key: string) => (Object.prototype.hasOwnProperty.call(resourcePaths, key) ? resourcePaths[key] : undefined);
  const defaultAccount = () => simulator.store.listUsers().find((user) => user.isAdmin && user.active) ?? simulator.store.listUsers()[0];

  /** A request to the simulator as the Forge platform acting for `accountId` (what the product does for its UI). */
  async function asUser(accountId: string, pathAndQuery: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${options.baseUrl()}${pathAndQuery}`, {
      headers: {
        accept: 'application/json',
        [FORGE_SECRET_HEADER]: simulator.forgeSecret,
        [FORGE_PRINCIPAL_HEADER]: principalHeaderValue({ kind: 'user', accountId }),
      },
    });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  }

  const jiraMessage = (body: any, status: number) =>
    (Array.isArray(body?.errorMessages) && body.errorMessages[0]) || `Jira answered HTTP ${status}`;

  function pageConfig(user: SimUser, moduleKey: string): HostPageConfig {
    const module = moduleInfos.find((m) => m.key === moduleKey)!;
    const baseUrl = options.baseUrl();
    return {
      account: toAccount(user, baseUrl),
      module,
      modules: moduleInfos,
      siteName: SITE_NAME,
      context: {
        accountId: user.accountId,
        cloudId: LOCAL_CLOUD_ID,
        siteUrl: baseUrl,
        moduleKey: module.key,
        localId: `ari:cloud:ecosystem::extension/${manifest.appId}/local-environment/static/${module.key}`,
        extension: { type: module.type },
        environmentId: 'local-environment',
        environmentType: 'DEVELOPMENT',
        locale: forgeLocale(user.locale),
        timezone: user.timeZone,
        theme: { ...CONTEXT_THEME },
        surfaceColor: null,
        permissions: { scopes: manifest.scopes, external: {} },
      },
      // Checked on each page load: `npm start` may have just built a resource.
      resources: Object.fromEntries(Object.entries(resourcePaths).map(([key, dir]): [string, FrameResourceInfo] => [key, frameResourceInfo(key, dir)])),
    };
  }

  async function servePage(url: URL, res: http.ServerResponse): Promise<void> {
    const { users } = listedAccounts(simulator);
    const as = url.searchParams.get('as') ?? defaultAccount()?.accountId ?? '';
    const moduleKey = url.searchParams.get('module') ?? moduleInfos[0]?.key ?? '';
    const user = simulator.store.getUser(as);
    const accountLinks = users.map((u) => ({ href: hostPageUrl(u.accountId, moduleKey), label: `${u.displayName}${u.active ? '' : ' (inactive)'}` }));
    if (!moduleInfos.some((m) => m.key === moduleKey)) {
      const links = moduleInfos.map((m) => ({ href: hostPageUrl(as, m.key), label: `${m.title} (${m.key})` }));
      return sendHtml(res, 404, renderHostProblemPage('No such app module', `<p>manifest.yml has no UI Kit page module <code>${escapeHtml(moduleKey)}</code>.</p>`, links));
    }
    if (!user) {
      return sendHtml(res, 404, renderHostProblemPage('No such account', `<p>The local site has no account <code>${escapeHtml(as)}</code>. Act as one of these:</p>`, accountLinks));
    }
    if (options.prepareAssets) {
      try {
        await options.prepareAssets();
      } catch (error) {
        return sendHtml(res, 500, renderHostProblemPage('The frontend does not build', `<pre>${escapeHtml((error as Error).message)}</pre>`));
      }
    }
    const assets = readHostAssets(assetsDir);
    if (!assets?.apps[moduleKey]) {
      return sendHtml(
        res,
        503,
        renderHostProblemPage('The host bundles are not built', `<p>No built bundles in <code>${escapeHtml(assetsDir)}</code>. <code>npm start</code> builds them; so does <code>buildHostAssets()</code> from harness/host/build.ts.</p>`),
      );
    }
    sendHtml(res, 200, renderHostPage(pageConfig(user, moduleKey), assets));
  }

  function serveAsset(pathname: string, res: http.ServerResponse): void {
    const relative = decodeURIComponent(pathname.slice(ASSET_PREFIX.length));
    const file = path.resolve(assetsDir, relative);
    const type = CONTENT_TYPES[path.extname(file)];
    if (!file.startsWith(assetsDir + path.sep) || !type || !fs.existsSync(file)) return sendJson(res, 404, { message: `no host asset ${relative}` });
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  }

  /** `?as=` must name an account of the site: the host never searches as nobody. */
  function actingUser(url: URL, res: http.ServerResponse): SimUser | undefined {
    const as = url.searchParams.get('as') ?? '';
    const user = as ? simulator.store.getUser(as) : undefined;
    if (!user) sendJson(res, 403, { message: as ? `unknown account '${as}'` : 'missing ?as=<accountId>' });
    return user;
  }

  async function lookUpUser(as: string, accountId: string): Promise<{ status: number; user?: HostUser; message?: string }> {
    const { status, body } = await asUser(as, `/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`);
    if (status !== 200) return { status, message: jiraMessage(body, status) };
    const avatarUrl = body.avatarUrls?.['48x48'] ?? avatarFor(options.baseUrl(), accountId);
    return { status, user: { id: body.accountId, name: body.displayName, avatarUrl, email: body.emailAddress ?? '', type: 'user' } };
  }

  async function serveUserPicker(url: URL, res: http.ServerResponse): Promise<void> {
    const user = actingUser(url, res);
    if (!user) return;
    const query = url.searchParams.get('query') ?? '';
    const picked = await asUser(user.accountId, `/rest/api/3/user/picker?${new URLSearchParams({ query, maxResults: '20' })}`);
    if (picked.status !== 200) return sendJson(res, picked.status, { message: jiraMessage(picked.body, picked.status) });
    // The picker answers no email address; UI Kit's UserPicker hands one to onChange, so ask /user for it.
    const found: HostUser[] = [];
    for (const candidate of picked.body.users ?? []) {
      const looked = await lookUpUser(user.accountId, candidate.accountId);
      found.push(looked.user ?? { id: candidate.accountId, name: candidate.displayName, avatarUrl: candidate.avatarUrl, email: '', type: 'user' });
    }
    sendJson(res, 200, found);
  }

  async function serveUser(url: URL, accountId: string, res: http.ServerResponse): Promise<void> {
    const user = actingUser(url, res);
    if (!user) return;
    const looked = await lookUpUser(user.accountId, accountId);
    if (!looked.user) return sendJson(res, looked.status, { message: looked.message });
    sendJson(res, 200, looked.user);
  }

  /** `/__host/resources/<key>/<rest>`: the resource's files, or the translations its pages ask for relatively. */
  async function serveResource(pathname: string, res: http.ServerResponse): Promise<void> {
    const slash = pathname.indexOf('/', RESOURCE_PREFIX.length);
    const rawKey = pathname.slice(RESOURCE_PREFIX.length, slash < 0 ? undefined : slash);
    if (slash < 0) {
      // Without the slash, the page's relative URLs (./app.js) would miss the folder.
      res.writeHead(301, { location: `${pathname}/` });
      return void res.end();
    }
    let key: string;
    try {
      key = decodeURIComponent(rawKey);
    } catch {
      return sendJson(res, 404, { message: `bad resource key ${rawKey}` });
    }
    const rest = pathname.slice(slash + 1);
    if (rest.startsWith('__LOCALES__/')) return serveLocales(rest, res);
    await serveResourceFile(res, key, resourcePath(key), rest);
  }

  function serveLocales(pathname: string, res: http.ServerResponse): void {
    const translations = manifest.translations;
    const name = decodeURIComponent(pathname.slice(pathname.indexOf('__LOCALES__/') + '__LOCALES__/'.length));
    if (!translations) return sendJson(res, 404, { message: 'manifest.yml declares no translations' });
    if (name === 'i18n-info.json') {
      return sendJson(res, 200, { config: { locales: Object.keys(translations.resources), fallback: translations.fallback } });
    }
    const file = translations.resources[name.replace(/\.json$/, '')];
    if (!file || !fs.existsSync(file)) return sendJson(res, 404, { message: `no translations for ${name}` });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  }

  /** Answers the request if it is one of the host's; returns false to let the caller route it elsewhere. */
  return async function handleHostRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { pathname } = url;
    try {
      if (pathname === '/') await servePage(url, res);
      else if (pathname === '/__host/info') sendHtml(res, 200, renderIndexPage(options.baseUrl(), simulator));
      else if (pathname === '/__host/accounts') sendJson(res, 200, listedAccounts(simulator).users.map((u) => toAccount(u, options.baseUrl())));
      else if (pathname === '/__host/user-picker') await serveUserPicker(url, res);
      else if (pathname.startsWith('/__host/users/')) await serveUser(url, decodeURIComponent(pathname.slice('/__host/users/'.length)), res);
      else if (pathname.startsWith(ASSET_PREFIX)) serveAsset(pathname, res);
      else if (pathname.startsWith(RESOURCE_PREFIX)) await serveResource(pathname, res);
      else if (pathname.startsWith('/__LOCALES__/')) serveLocales(pathname, res);
      else if (pathname.startsWith('/__host/')) sendJson(res, 404, { message: `no local host endpoint GET ${pathname}` });
      else return false;
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { message: `local host: ${(error as Error).message}` });
      else res.end();
    }
    return true;
  };
}
