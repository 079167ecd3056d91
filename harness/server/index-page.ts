import type { Simulator } from '../simulator';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The landing page of `npm start`: what is running and how to reach it. */
export function renderIndexPage(url: string, simulator: Simulator): string {
  const users = simulator.store
    .listUsers()
    .map(
      (u) =>
        `<tr><td>${escapeHtml(u.displayName)}</td><td>${escapeHtml(u.email)}</td><td><code>${escapeHtml(u.accountId)}</code></td>` +
        `<td>${u.isAdmin ? 'Administer Jira' : ''}</td><td>${u.active ? 'active' : 'inactive'}</td></tr>`,
    )
    .join('');
  const admin = simulator.store.listUsers().find((u) => u.isAdmin);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>User Properties Manager (local)</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#172b4d}td,th{padding:.25rem .75rem;text-align:left}code,pre{background:#f4f5f7;padding:.1rem .3rem}</style></head>
<body><h1>User Properties Manager: local Jira and Forge runtime</h1>
<p>Jira simulator REST API: <code>${url}/rest/api/3/…</code> (HTTP Basic: a seeded email and any token).</p>
<p>Forge resolver: <code>POST ${url}/__forge/invoke</code> with <code>{"functionKey","payload","context":{"accountId","moduleKey"}}</code>.</p>
<h2>Seeded accounts</h2><table><tr><th>Name</th><th>Email</th><th>accountId</th><th>Permission</th><th>Status</th></tr>${users}</table>
<h2>Try it</h2><pre>curl -u ${escapeHtml(admin?.email ?? 'admin@example.com')}:any-token '${url}/rest/api/3/myself'</pre>
</body></html>`;
}
