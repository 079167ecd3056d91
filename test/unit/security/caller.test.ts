import { ForbiddenError } from '../../../src/domain/errors';
import { callerFrom, type TrustedContext } from '../../../src/security/caller';
import { MODULE_KEYS } from '../../../src/shared/contract';

const ACCOUNT_ID = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';

function buildContext(overrides: Partial<TrustedContext> = {}): TrustedContext {
  return { accountId: ACCOUNT_ID, moduleKey: MODULE_KEYS.adminPage, ...overrides };
}

describe('callerFrom', () => {
  it.each<[string, string]>([
    ['the admin page', MODULE_KEYS.adminPage],
    ['personal settings', MODULE_KEYS.personalSettings],
  ])('returns the caller from a context sent by %s', (_name, moduleKey) => {
    expect(callerFrom(buildContext({ moduleKey }))).toEqual({ accountId: ACCOUNT_ID, moduleKey });
  });

  it.each<[string, Partial<TrustedContext>, RegExp]>([
    ['accountId is missing', { accountId: undefined }, /logged in/],
    ['accountId is empty', { accountId: '' }, /logged in/],
    ['moduleKey is missing', { moduleKey: undefined }, /app's pages/],
    ['moduleKey is empty', { moduleKey: '' }, /app's pages/],
    ['both are missing', { accountId: undefined, moduleKey: undefined }, /logged in/],
  ])('refuses with ForbiddenError when %s', (_name, overrides, message) => {
    const context = buildContext(overrides);
    expect(() => callerFrom(context)).toThrow(ForbiddenError);
    expect(() => callerFrom(context)).toThrow(message);
  });

  it('refuses an empty context (an anonymous or unlicensed request)', () => {
    expect(() => callerFrom({})).toThrow(ForbiddenError);
  });

  it('copies only accountId and moduleKey, ignoring every other context field', () => {
    const context = {
      ...buildContext(),
      localId: 'ari:cloud:ecosystem::extension/abc',
      cloudId: 'cloud-1',
      extension: { type: 'jira:adminPage' },
      isAdmin: true,
      principal: { accountId: 'someone-else' },
    };
    const caller = callerFrom(context);
    expect(caller).toEqual({ accountId: ACCOUNT_ID, moduleKey: MODULE_KEYS.adminPage });
    expect(Object.keys(caller).sort()).toEqual(['accountId', 'moduleKey']);
  });

  it('returns a new object, so later changes to the context do not change the caller', () => {
    const context = buildContext();
    const caller = callerFrom(context);
    context.accountId = 'changed';
    expect(caller.accountId).toBe(ACCOUNT_ID);
  });
});
