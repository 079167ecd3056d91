import { errorResponse, type SimResponse } from '../http';
import { avatarSvg } from '../render';
import { APP_USER } from '../seed';
import type { RequestContext } from './context';

/** GET /avatars/<accountId>.svg: an initials avatar, so avatar URLs in user objects resolve. Public, like Jira's. */
export function serveAvatar(ctx: RequestContext): SimResponse {
  let accountId: string;
  try {
    accountId = decodeURIComponent(ctx.params[0]);
  } catch {
    return errorResponse(404, 'No such avatar.');
  }
  const displayName = accountId === APP_USER.accountId ? APP_USER.displayName : ctx.store.getUser(accountId)?.displayName;
  if (displayName === undefined) return errorResponse(404, 'No such avatar.');
  return {
    status: 200,
    raw: { body: avatarSvg(displayName, accountId), contentType: 'image/svg+xml' },
    headers: { 'cache-control': 'public, max-age=3600' },
  };
}
