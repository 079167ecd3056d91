// What the host's own components need from the local server, always as the page's current account.
import type { HostAccount, HostUser } from './config';

let actingAs = '';

export function setActingAccount(accountId: string): void {
  actingAs = accountId;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `${path}: HTTP ${response.status}`);
  return body;
}

export const listAccounts = () => getJson<HostAccount[]>('/__host/accounts');

/** The user picker's search: Jira's /user/picker, asked as the current account. */
export const searchUsers = (query: string) =>
  getJson<HostUser[]>(`/__host/user-picker?${new URLSearchParams({ as: actingAs, query })}`);

const userCache = new Map<string, Promise<HostUser>>();

/** One user by accountId (for `User` and a UserPicker's defaultValue), cached for the page's life. */
export function getUser(accountId: string): Promise<HostUser> {
  let pending = userCache.get(accountId);
  if (!pending) {
    pending = getJson<HostUser>(`/__host/users/${encodeURIComponent(accountId)}?${new URLSearchParams({ as: actingAs })}`);
    pending.catch(() => userCache.delete(accountId));
    userCache.set(accountId, pending);
  }
  return pending;
}
