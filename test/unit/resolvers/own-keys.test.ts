import Resolver from '@forge/resolver';
import { ownKeysOnly } from '../../../src/resolvers/own-keys';

function handlerWith(keys: string[]) {
  const resolver = new Resolver();
  resolver.define('echo', ({ payload }) => ({ echoed: payload }));
  return ownKeysOnly(resolver.getDefinitions(), keys as never);
}

const event = (functionKey: unknown) => ({ call: { functionKey, payload: { secret: 1 } }, context: { cloudId: 'c', moduleKey: 'm' } }) as never;
const runtime = { principal: { accountId: 'someone' }, installContext: 'ari:cloud:jira::site/c' };

describe('ownKeysOnly', () => {
  it('passes the app\'s own keys to @forge/resolver', async () => {
    await expect(handlerWith(['echo'])(event('echo'), runtime)).resolves.toEqual({ echoed: { secret: 1 } });
  });

  // Found in review: @forge/resolver looks keys up with `in`, so these reached Object.prototype. "constructor"
  // echoed the whole invocation (payload, context, installContext); the others threw raw JavaScript errors.
  it.each(['constructor', 'valueOf', 'hasOwnProperty', '__proto__', 'toString', 'isPrototypeOf', 'undefined', '', 'nope'])(
    'answers %p with the envelope, before @forge/resolver sees it',
    async (functionKey) => {
      const answer = await handlerWith(['echo'])(event(functionKey), runtime);
      expect(answer).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(/no such request/) } });
      expect(JSON.stringify(answer)).not.toMatch(/secret|installContext|someone/);
    },
  );

  it.each([undefined, 42, { toString: () => 'echo' }])('refuses a functionKey that is not a string (%p)', async (functionKey) => {
    await expect(handlerWith(['echo'])(event(functionKey), runtime)).resolves.toMatchObject({ success: false });
  });

  it('refuses a key @forge/resolver knows when the app did not list it', async () => {
    await expect(handlerWith([])(event('echo'), runtime)).resolves.toMatchObject({ success: false });
  });
});
