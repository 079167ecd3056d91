import type { Simulator } from '../simulator';
import { listedAccounts } from './listed-accounts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** `/__host/info` of `npm start`: what is running and how to reach it (the app itself is at `/`). */
export function renderIndexPage(url: string, simulator: Simulator): string {
  const listed = listedAccounts(simulator);
  const users = listed.users
    .map(
      (u) =>
        `<tr><td><a href="/?as=${encodeURIComponent(u.accountId)}">${escapeHtml(u.displayName)}</a></td><td>${escapeHtml(u.email)}</td><td><code>${escapeHtml(u.accountId)}</code></td>` +
        `<td>${u.isAdmin ? 'Administer Jira' : ''}</td><td>${u.active ? 'active' : 'inactive'}</td></tr>`,
    )
    .join('');
  const admin = simulator.store.listUsers().find((u) => u.isAdmin);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>User Properties Manager (local)</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#172b4d}td,th{padding:.25rem .75rem;text-align:left}code,pre{background:#f4f5f7;padding:.1rem .3rem}</style></head>
<body><h1>User Properties Manager: local Jira and Forge runtime</h1>
<p>The app's real UI Kit pages, in a local Jira host: <a href="/">${url}/</a> (<code>?as=&lt;accountId&gt;&amp;module=&lt;moduleKey&gt;</code>; click a name below to act as that account).</p>
<p>Jira simulator REST API: <code>${url}/rest/api/3/…</code> (HTTP Basic: a seeded email and any token).</p>
<p>Forge resolver: <code>POST ${url}/__forge/invoke</code> with <code>{"functionKey","payload","context":{"accountId","moduleKey"}}</code>.</p>
<h2>Seeded accounts</h2><table><tr><th>Name</th><th>Email</th><th>accountId</th><th>Permission</th><th>Status</th></tr>${users}</table>
${listed.unlisted > 0 ? `<p>And ${listed.unlisted.toLocaleString('en-US')} generated accounts (JIRA_SIM_USERS), not listed: act as one with <code>?as=&lt;accountId&gt;</code>.</p>` : ''}
<h2>Try it</h2><pre>curl -u ${escapeHtml(admin?.email ?? 'admin@example.com')}:any-token '${url}/rest/api/3/myself'</pre>
</body></html>`;
}
