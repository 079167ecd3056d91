// Review round 2, point 5: @forge/resolver looks keys up with `in`, so prototype names reached Object.prototype.
import { RESOLVER_KEYS } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

test.each(['constructor', 'valueOf', 'hasOwnProperty', '__proto__', 'toString', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'])(
  '%p answers the envelope and echoes nothing of the invocation',
  async (functionKey) => {
    app.takeRequests();
    const answer = await app.runtime.invoke({
      functionKey,
      payload: { marker: 'payload-marker' },
      context: { accountId: DEMO_USERS.admin.accountId, moduleKey: MODULE_KEYS.adminPage },
    });
    expect(answer).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.any(String) } });
    expect(JSON.stringify(answer)).not.toMatch(/payload-marker|cloudId|installContext|local-cloud/);
    expect(app.takeRequests()).toEqual([]);
  },
);

test('every key of the contract is one the handler answers', async () => {
  for (const functionKey of RESOLVER_KEYS) {
    const answer = (await app.invoke(functionKey, {}, 'bob', MODULE_KEYS.personalSettings)) as { error?: { message: string } };
    expect(answer.error?.message ?? '').not.toMatch(/no such request/);
  }
});
