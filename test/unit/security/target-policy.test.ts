import fc from 'fast-check';
import {
  ForbiddenError,
  JiraError,
  NeedsAuthenticationAppError,
  RateLimitedError,
  ValidationError,
} from '../../../src/domain/errors';
import type { Caller } from '../../../src/security/caller';
import { assertAdministerJira, NEEDS_ADMIN_MESSAGE, planTarget, type Target } from '../../../src/security/target-policy';
import { MODULE_KEYS } from '../../../src/shared/contract';

const OWN_ID = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
const OTHER_ID = '5b10ac8d82e05b22cc7d4ef5';

function buildCaller({ accountId = OWN_ID, moduleKey = MODULE_KEYS.adminPage as string }: Partial<Caller> = {}): Caller {
  return { accountId, moduleKey };
}

type Expected = { target: Target } | { throws: typeof ForbiddenError | typeof ValidationError };

const MODULES = {
  'admin page': MODULE_KEYS.adminPage,
  'personal settings': MODULE_KEYS.personalSettings,
  'an unknown module': 'some-other-module',
} as const;

const REQUESTS = {
  'no accountId': undefined,
  'their own accountId': OWN_ID,
  "another user's accountId": OTHER_ID,
  'a malformed accountId': '../../myself',
} as const;

type ModuleName = keyof typeof MODULES;
type RequestName = keyof typeof REQUESTS;

const self: Expected = { target: { accountId: OWN_ID, needsAdmin: false } };
const forbidden: Expected = { throws: ForbiddenError };
const invalid: Expected = { throws: ValidationError };

// Every module × every kind of requested accountId.
const TABLE: Record<ModuleName, Record<RequestName, Expected>> = {
  'admin page': {
    'no accountId': self,
    'their own accountId': self,
    "another user's accountId": { target: { accountId: OTHER_ID, needsAdmin: true } },
    'a malformed accountId': invalid,
  },
  'personal settings': {
    'no accountId': self,
    'their own accountId': self,
    "another user's accountId": forbidden, // refused, not silently redirected to the caller's own record
    'a malformed accountId': invalid,
  },
  'an unknown module': {
    'no accountId': forbidden,
    'their own accountId': forbidden,
    "another user's accountId": forbidden,
    'a malformed accountId': forbidden, // the module is checked first: an unknown module learns nothing about input rules
  },
};

const cases = (Object.keys(TABLE) as ModuleName[]).flatMap((moduleName) =>
  (Object.keys(TABLE[moduleName]) as RequestName[]).map((requestName) => ({
    moduleName,
    requestName,
    moduleKey: MODULES[moduleName] as string,
    requested: REQUESTS[requestName] as string | undefined,
    expected: TABLE[moduleName][requestName],
  })),
);

describe('planTarget', () => {
  it('covers every module × request combination', () => {
    expect(cases).toHaveLength(12);
  });

  it.each(cases)('$moduleName with $requestName', ({ moduleKey, requested, expected }) => {
    const caller = buildCaller({ moduleKey });
    if ('target' in expected) {
      expect(planTarget(caller, requested)).toEqual(expected.target);
    } else {
      expect(() => planTarget(caller, requested)).toThrow(expected.throws);
    }
  });

  it('explains the personal settings refusal', () => {
    expect(() => planTarget(buildCaller({ moduleKey: MODULE_KEYS.personalSettings }), OTHER_ID)).toThrow(/your own/);
  });

  it.each<[string, string]>([
    ['the empty string', ''],
    ['a different case of the admin key', MODULE_KEYS.adminPage.toUpperCase()],
    ['the admin key with a suffix', `${MODULE_KEYS.adminPage}-2`],
    ['an inherited property name', 'constructor'],
    ['a resolver key', 'setProperty'],
  ])('refuses a module key that is %s (fail closed)', (_name, moduleKey) => {
    expect(() => planTarget(buildCaller({ moduleKey }), undefined)).toThrow(ForbiddenError);
    expect(() => planTarget(buildCaller({ moduleKey }), OTHER_ID)).toThrow(ForbiddenError);
  });

  it.each<[string, string]>([
    ['the empty string', ''],
    ['a query string', `${OTHER_ID}?expand=all`],
    ['a slash', `${OTHER_ID}/properties`],
    ['129 characters', 'a'.repeat(129)],
  ])('refuses a requested accountId that is %s on the admin page', (_name, requested) => {
    expect(() => planTarget(buildCaller(), requested)).toThrow(ValidationError);
  });

  it('treats an accountId differing only in case as another user (ids are case-sensitive)', () => {
    const caller = buildCaller({ accountId: 'abcDEF123' });
    expect(planTarget(caller, 'ABCdef123')).toEqual({ accountId: 'ABCdef123', needsAdmin: true });
  });

  it('from personal settings, never targets anyone but the caller (property)', () => {
    const accountIds = fc.stringMatching(/^[A-Za-z0-9:_-]{1,40}$/);
    fc.assert(
      fc.property(accountIds, fc.option(accountIds, { nil: undefined }), (own, requested) => {
        const caller = buildCaller({ accountId: own, moduleKey: MODULE_KEYS.personalSettings });
        if (requested === undefined || requested === own) {
          expect(planTarget(caller, requested)).toEqual({ accountId: own, needsAdmin: false });
        } else {
          expect(() => planTarget(caller, requested)).toThrow(ForbiddenError);
        }
      }),
    );
  });

  it('from the admin page, needs admin exactly when the target is someone else (property)', () => {
    const accountIds = fc.stringMatching(/^[A-Za-z0-9:_-]{1,40}$/);
    fc.assert(
      fc.property(accountIds, fc.option(accountIds, { nil: undefined }), (own, requested) => {
        const target = planTarget(buildCaller({ accountId: own }), requested);
        expect(target.accountId).toBe(requested ?? own);
        expect(target.needsAdmin).toBe(target.accountId !== own);
      }),
    );
  });
});

/** Stands in for the Jira permission check that assertAdministerJira is given. */
class FakeAdminCheck {
  calls = 0;

  constructor(private readonly behaviour: () => Promise<boolean>) {}

  static answering(granted: boolean): FakeAdminCheck {
    return new FakeAdminCheck(async () => granted);
  }

  static rejecting(error: unknown): FakeAdminCheck {
    return new FakeAdminCheck(async () => {
      throw error;
    });
  }

  readonly check = (): Promise<boolean> => {
    this.calls += 1;
    return this.behaviour();
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

describe('assertAdministerJira', () => {
  it('resolves when Jira grants Administer Jira, asking exactly once', async () => {
    const fake = FakeAdminCheck.answering(true);
    await expect(assertAdministerJira(fake.check)).resolves.toBeUndefined();
    expect(fake.calls).toBe(1);
  });

  it('refuses with ForbiddenError naming Administer Jira when Jira denies it', async () => {
    const error = await rejectionOf(assertAdministerJira(FakeAdminCheck.answering(false).check));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).code).toBe('FORBIDDEN');
    expect((error as ForbiddenError).message).toBe(NEEDS_ADMIN_MESSAGE);
    expect(NEEDS_ADMIN_MESSAGE).toMatch(/Administer Jira/);
  });

  it('refuses when the check resolves to undefined instead of a boolean (fail closed)', async () => {
    const fake = new FakeAdminCheck(async () => undefined as unknown as boolean);
    await expect(assertAdministerJira(fake.check)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it.each<[string, unknown]>([
    ['a generic Error', new Error('socket hang up token=abc123')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'permissions')")],
    ['a JiraError', new JiraError('Jira answered 503.', 503)],
    ['a ValidationError', new ValidationError('odd')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('fails closed with ForbiddenError when the check rejects with %s', async (_name, thrown) => {
    const error = await rejectionOf(assertAdministerJira(FakeAdminCheck.rejecting(thrown).check));
    expect(error).toBeInstanceOf(ForbiddenError);
    const forbidden = error as ForbiddenError;
    expect(forbidden.message).toContain(NEEDS_ADMIN_MESSAGE);
    expect(forbidden.message).toMatch(/could not confirm/);
    expect(forbidden.cause).toBe(thrown);
    if (thrown instanceof Error) expect(forbidden.message).not.toContain(thrown.message);
  });

  it('fails closed when the check throws synchronously instead of rejecting', async () => {
    const fake = new FakeAdminCheck(() => {
      throw new Error('sync failure');
    });
    await expect(assertAdministerJira(fake.check)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it.each<[string, Error]>([
    ['NeedsAuthenticationAppError', new NeedsAuthenticationAppError()],
    ['RateLimitedError', new RateLimitedError('Jira is busy; try again in 10 seconds.', 10)],
  ])('rethrows %s as is, so the person can act on it', async (_name, thrown) => {
    const error = await rejectionOf(assertAdministerJira(FakeAdminCheck.rejecting(thrown).check));
    expect(error).toBe(thrown);
    expect(error).not.toBeInstanceOf(ForbiddenError);
  });
});
