// The HTML of the local Jira host page. The scripts come last and in order: host.js defines window.__bridge
// synchronously, then the module's app bundle (the app's real UI Kit frontend) starts and talks to it.
import { HOST_CONFIG_ELEMENT_ID, THEME_ATTRIBUTE, hostPageUrl, type HostPageConfig } from '../host/config';
import type { HostAssets } from '../host/build';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

// JSON inside <script>: nothing in it may close the element or open a comment.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const BASE_STYLE = `html,body{margin:0}
body{font-family:var(--ds-font-family-body,ui-sans-serif,-apple-system,"Segoe UI",Ubuntu,system-ui,sans-serif);font-size:14px;line-height:20px;color:var(--ds-text,#292a2e);background:var(--ds-surface,#fff);-webkit-font-smoothing:antialiased}
*,*::before,*::after{box-sizing:border-box}`;

export const ASSET_PREFIX = '/__host/assets/';

export function renderHostPage(config: HostPageConfig, assets: HostAssets): string {
  const app = assets.apps[config.module.key];
  const version = encodeURIComponent(assets.builtAt);
  const asset = (file: string) => `${ASSET_PREFIX}${file.split('/').map(encodeURIComponent).join('/')}?v=${version}`;
  const styles = [...assets.host.css, ...(app?.css ?? [])].map((file) => `<link rel="stylesheet" href="${asset(file)}">`).join('\n');
  return `<!doctype html>
<html lang="en" data-color-mode="light" data-theme="${THEME_ATTRIBUTE}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(config.module.title)} - ${escapeHtml(config.siteName)}</title>
<link rel="icon" href="data:,">
${styles}
<style>${BASE_STYLE}</style>
</head>
<body>
<div id="host-root"></div>
<script id="${HOST_CONFIG_ELEMENT_ID}" type="application/json">${scriptJson(config)}</script>
<script src="${asset(assets.host.js)}"></script>
${app.scripts.map((script) => `<script src="${asset(script)}" data-forge-module="${escapeHtml(config.module.key)}"></script>`).join('\n')}
</body>
</html>
`;
}

/** A plain page for the cases the host cannot render (bad query, assets not built yet). */
export function renderHostProblemPage(title: string, body: string, links: Array<{ href: string; label: string }> = []): string {
  const list = links.map((link) => `<li><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#172b4d}pre{background:#f4f5f7;padding:1rem;overflow:auto}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}${list ? `<ul>${list}</ul>` : ''}<p><a href="/__host/info">What is running</a></p></body></html>`;
}

export { hostPageUrl };
