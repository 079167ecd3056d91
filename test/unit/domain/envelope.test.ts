import {
  AppError,
  ConflictError,
  ForbiddenError,
  JiraError,
  NeedsAuthenticationAppError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../../../src/domain/errors';
import { fail, ok, toErrorBody } from '../../../src/domain/envelope';
import type { ErrorCode } from '../../../src/shared/contract';

const SECRET = 'sk_live_51H8xSECRETtoken-Bearer eyJhbGciOi';

/** An error as a bug would raise it: internals in the message, a stack pointing into the source tree. */
function buildInternalError({ message = `connect failed for ${SECRET} at /srv/app/src/jira/client.ts` } = {}): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}\n    at requestJira (/srv/app/src/jira/client.ts:42:13)\n    at secretFrame (/srv/app/node_modules/x.js:1:1)`;
  return error;
}

describe('ok', () => {
  it.each<[string, unknown]>([
    ['an object', { accountId: 'abc' }],
    ['an array', [1, 2]],
    ['null', null],
    ['false', false],
    ['zero', 0],
  ])('wraps %s as a success without altering it', (_name, data) => {
    const envelope = ok(data);
    expect(envelope).toEqual({ success: true, data });
    if (envelope.success) expect(envelope.data).toBe(data);
  });
});

describe('toErrorBody', () => {
  it.each<[string, AppError, ErrorCode]>([
    ['ValidationError', new ValidationError('The property key must not be empty.'), 'VALIDATION_ERROR'],
    ['ForbiddenError', new ForbiddenError('You cannot do that.'), 'FORBIDDEN'],
    ['NotFoundError', new NotFoundError('No property "theme" for this user.'), 'NOT_FOUND'],
    ['ConflictError', new ConflictError('The property changed meanwhile.'), 'CONFLICT'],
    ['RateLimitedError', new RateLimitedError('Jira is busy; try again in 30 seconds.', 30), 'RATE_LIMITED'],
    ['NeedsAuthenticationAppError', new NeedsAuthenticationAppError(), 'NEEDS_AUTHENTICATION'],
    ['JiraError', new JiraError('Jira answered 503.', 503), 'JIRA_ERROR'],
    ['a bare AppError', new AppError('CONFLICT', 'Custom conflict.'), 'CONFLICT'],
  ])('keeps the code and message of %s', (_name, error, code) => {
    expect(toErrorBody(error)).toEqual({ code, message: error.message });
  });

  it('keeps an AppError subclass defined elsewhere (instanceof, not a name list)', () => {
    class QuotaError extends AppError {
      constructor() {
        super('RATE_LIMITED', 'Quota reached for today.');
      }
    }
    expect(toErrorBody(new QuotaError())).toEqual({ code: 'RATE_LIMITED', message: 'Quota reached for today.' });
  });

  it('returns only code and message: no cause, stack, status or name reaches the UI', () => {
    const body = toErrorBody(new ForbiddenError('Needs Administer Jira.', { cause: buildInternalError() }));
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(JSON.stringify(body)).not.toContain(SECRET);
    expect(JSON.stringify(body)).not.toContain('client.ts');

    const jira = toErrorBody(new JiraError('Jira answered 500.', 500, { cause: buildInternalError() }));
    expect(Object.keys(jira).sort()).toEqual(['code', 'message']);
    expect(JSON.stringify(jira)).not.toContain(SECRET);
  });

  it.each<[string, unknown]>([
    ['a plain Error', buildInternalError()],
    ['a TypeError', new TypeError(`Cannot read properties of undefined (reading '${SECRET}')`)],
    ['a RangeError', new RangeError(`Maximum call stack size exceeded ${SECRET}`)],
    ['a string', `boom ${SECRET}`],
    ['undefined', undefined],
    ['null', null],
    ['a number', 500],
    ['an object shaped like an AppError', { code: 'FORBIDDEN', message: `forged ${SECRET}` }],
    ['an object shaped like an ErrorBody with a stack', { code: 'VALIDATION_ERROR', message: SECRET, stack: SECRET }],
    ['an Error named like an AppError', Object.assign(new Error(SECRET), { name: 'ValidationError', code: 'VALIDATION_ERROR' })],
  ])('turns %s into INTERNAL_ERROR with a generic message', (_name, thrown) => {
    const body = toErrorBody(thrown);
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.message.length).toBeGreaterThan(0);
    expect(body.message).not.toContain(SECRET);
    expect(body.message).not.toMatch(/\bat \S+ \(|client\.ts|node_modules|\/srv\//);
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
  });

  it('gives the same generic message whatever the unknown error was', () => {
    const messages = new Set([buildInternalError(), 'x', undefined, { a: 1 }, new TypeError('t')].map((thrown) => toErrorBody(thrown).message));
    expect(messages.size).toBe(1);
  });
});

describe('fail', () => {
  it('wraps an AppError as a failure carrying its code and message', () => {
    expect(fail(new NotFoundError('No such property.'))).toEqual({
      success: false,
      error: { code: 'NOT_FOUND', message: 'No such property.' },
    });
  });

  it('wraps an unknown error as INTERNAL_ERROR without leaking its message or stack', () => {
    const envelope = fail(buildInternalError());
    expect(envelope.success).toBe(false);
    if (envelope.success) return;
    expect(envelope.error.code).toBe('INTERNAL_ERROR');
    const serialised = JSON.stringify(envelope);
    expect(serialised).not.toContain(SECRET);
    expect(serialised).not.toContain('client.ts');
    expect(serialised).not.toContain('stack');
    expect(Object.keys(envelope).sort()).toEqual(['error', 'success']);
  });

  it('agrees with toErrorBody for any thrown value', () => {
    for (const thrown of [new ValidationError('v'), buildInternalError(), 'text', undefined]) {
      expect(fail(thrown)).toEqual({ success: false, error: toErrorBody(thrown) });
    }
  });
});
