// The JSON shapes Jira answers with for users and groups (the `User`, `UserDetails`, `UserPickerUser`, `GroupName`
// and `FoundGroup` schemas of the OpenAPI document).
import { APP_USER } from './seed';
import type { SimGroup, SimPrincipal, SimUser } from './types';

/**
 * Whether `viewer` may see `user`'s email address. Every user operation documents "Privacy controls are applied to
 * the response based on the users' preferences. This could mean, for example, that the user's email address is
 * hidden", and the User schema says emailAddress "may be returned as null" (it is typed `string`, so the field is
 * left out instead). The Profile visibility guide those operations link to
 * (https://developer.atlassian.com/cloud/jira/platform/profile-visibility/): "if the user has chosen to hide fields
 * in their profile, your apps will not be able to retrieve those fields via the API"; and a hidden email is not returned to
 * site or org admins either (AX-239, CONFCLOUD-72205: "Only you and admins" means admins in Atlassian Administration,
 * not the REST API; /user/email, which ignores the setting, is for apps Atlassian approves). So: the user themself
 * always; everyone else, the app and Jira admins included, only when the profile shows the email to anyone.
 */
export function emailVisibleTo(user: SimUser, viewer: SimPrincipal): boolean {
  // App accounts have no email address in Jira's answers (like the Forge app user, renderAppUser).
  if (user.accountType === 'app') return false;
  if (viewer.kind === 'user' && viewer.accountId === user.accountId) return true;
  return user.emailVisibility === 'anyone';
}

const AVATAR_SIZES = [16, 24, 32, 48] as const;

export function avatarUrl(base: string, accountId: string, size: number): string {
  return `${base}/avatars/${encodeURIComponent(accountId)}.svg?size=${size}`;
}

function avatarUrls(base: string, accountId: string): Record<string, string> {
  return Object.fromEntries(AVATAR_SIZES.map((size) => [`${size}x${size}`, avatarUrl(base, accountId, size)]));
}

function userSelf(base: string, accountId: string): string {
  return `${base}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`;
}

/** A group as `expand=groups` lists it; groupId is null only for the app's group on a site seeded without groups. */
export type GroupRef = Pick<SimGroup, 'name'> & { groupId: string | null };

export interface RenderOptions {
  groups?: GroupRef[];
}

/** `User`, as `viewer` may see it (see emailVisibleTo). */
export function renderUser(user: SimUser, base: string, viewer: SimPrincipal, options: RenderOptions = {}): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    self: userSelf(base, user.accountId),
    accountId: user.accountId,
    accountType: user.accountType ?? 'atlassian',
    ...(emailVisibleTo(user, viewer) ? { emailAddress: user.email } : {}),
    avatarUrls: avatarUrls(base, user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    locale: user.locale,
  };
  if (options.groups) rendered.groups = renderGroups(options.groups, base);
  return rendered;
}

/** The app user that asApp() calls act as. It has no email address, like every Jira app account. */
export function renderAppUser(base: string, options: RenderOptions = {}): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    self: userSelf(base, APP_USER.accountId),
    accountId: APP_USER.accountId,
    accountType: 'app',
    avatarUrls: avatarUrls(base, APP_USER.accountId),
    displayName: APP_USER.displayName,
    active: true,
    timeZone: 'UTC',
    locale: 'en_US',
  };
  if (options.groups) rendered.groups = renderGroups(options.groups, base);
  return rendered;
}

// `SimpleListWrapperGroupName`; Jira Cloud's group links use the ID, since names can change.
function renderGroups(groups: GroupRef[], base: string): Record<string, unknown> {
  return {
    size: groups.length,
    items: groups.map(({ name, groupId }) => ({
      name,
      groupId,
      self:
        groupId === null
          ? `${base}/rest/api/3/group?groupname=${encodeURIComponent(name)}`
          : `${base}/rest/api/3/group?groupId=${encodeURIComponent(groupId)}`,
    })),
  };
}

/** `UserDetails`, the user shape of paged lists such as GET /group/member: no locale, unlike `User`. */
export function renderUserDetails(user: SimUser, base: string, viewer: SimPrincipal): Record<string, unknown> {
  return {
    self: userSelf(base, user.accountId),
    accountId: user.accountId,
    accountType: user.accountType ?? 'atlassian',
    ...(emailVisibleTo(user, viewer) ? { emailAddress: user.email } : {}),
    avatarUrls: avatarUrls(base, user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
}

export function renderAppUserDetails(base: string): Record<string, unknown> {
  return {
    self: userSelf(base, APP_USER.accountId),
    accountId: APP_USER.accountId,
    accountType: 'app',
    avatarUrls: avatarUrls(base, APP_USER.accountId),
    displayName: APP_USER.displayName,
    active: true,
    timeZone: 'UTC',
  };
}

/**
 * `FoundGroup` of GET /groups/picker. The description says "strong tag", the FoundGroup schema "bold tag" and the
 * documented example (like Jira Cloud) uses <b>: followed the example. The first occurrence is highlighted.
 */
export function renderFoundGroup(group: SimGroup, matchAt: number, matchLength: number): Record<string, unknown> {
  const { name } = group;
  const html =
    matchLength > 0 && matchAt >= 0
      ? `${escapeHtml(name.slice(0, matchAt))}<b>${escapeHtml(name.slice(matchAt, matchAt + matchLength))}</b>${escapeHtml(name.slice(matchAt + matchLength))}`
      : escapeHtml(name);
  return { name, html, groupId: group.groupId, labels: [] };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Bold the matched prefix of every word, as the picker's `html` field does; a query of several words (an exact name
// match) is bolded where the whole text starts with it.
function highlight(text: string, query: string): string {
  const q = query.toLocaleLowerCase();
  const lower = text.toLocaleLowerCase();
  if (/\s/.test(q) && lower.length === text.length && lower.startsWith(q)) {
    return `<strong>${escapeHtml(text.slice(0, q.length))}</strong>${escapeHtml(text.slice(q.length))}`;
  }
  return text
    .split(/(\s+)/)
    .map((word) =>
      q.length > 0 && word.toLocaleLowerCase().startsWith(q)
        ? `<strong>${escapeHtml(word.slice(0, q.length))}</strong>${escapeHtml(word.slice(q.length))}`
        : escapeHtml(word),
    )
    .join('');
}

/** `UserPickerUser`: the html names the email address only where the viewer may see it. */
export function renderPickerUser(user: SimUser, base: string, query: string, viewer: SimPrincipal): Record<string, unknown> {
  const email = emailVisibleTo(user, viewer) ? ` - ${highlight(user.email, query)}` : '';
  return {
    accountId: user.accountId,
    accountType: user.accountType ?? 'atlassian',
    displayName: user.displayName,
    avatarUrl: avatarUrl(base, user.accountId, 48),
    html: `${highlight(user.displayName, query)}${email}`,
  };
}

/**
 * Jira's user search matches the start of any word of the display name, or the start of the email address. A hidden
 * email address is not matched: otherwise prefix searches would spell it out one character at a time.
 */
export function userMatches(user: SimUser, query: string, viewer: SimPrincipal): boolean {
  const q = query.toLocaleLowerCase();
  const name = user.displayName.toLocaleLowerCase();
  if (name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q))) return true;
  return emailVisibleTo(user, viewer) && user.email.toLowerCase().startsWith(q);
}

export function avatarSvg(displayName: string, accountId: string): string {
  const initials = displayName
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => Array.from(word)[0]?.toLocaleUpperCase() ?? '')
    .join('');
  let hash = 0;
  for (const ch of accountId) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  const hue = hash % 360;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">` +
    `<circle cx="24" cy="24" r="24" fill="hsl(${hue},55%,45%)"/>` +
    `<text x="24" y="30" font-family="sans-serif" font-size="18" fill="#fff" text-anchor="middle">${escapeHtml(initials)}</text>` +
    `</svg>`
  );
}
