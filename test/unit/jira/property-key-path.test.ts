import fc from 'fast-check';
import { ValidationError } from '../../../src/domain/errors';
import { ACCOUNT_ID, clientFor, emptyResponse, FakeJira, jsonResponse } from './fake-jira';

const PREFIX = '/rest/api/3/user/properties/';

// Characters that matter to paths and to `route`, mixed with lone surrogates, controls and ordinary text.
const tricky = fc.constantFrom('/', '\\', '?', '#', '.', '%', '&', '+', ';', '=', ' ', 'a', 'é', 'ключ', '😀', '\uD800', '\uDC00', '\u0000', '%2e', '%2E');
const keys = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.oneof(tricky, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 20 }),
);
const accountIds = fc.oneof(fc.constant(ACCOUNT_ID), fc.stringMatching(/^[A-Za-z0-9:_-]{1,128}$/));
const operations = fc.constantFrom('get', 'set', 'delete');

describe('property keys on the wire (property test)', () => {
  it('either refuses a key before any request, or sends exactly one segment that decodes back to it', async () => {
    const seen = { refused: 0, sent: 0 };
    await fc.assert(
      fc.asyncProperty(keys, accountIds, operations, async (key, accountId, operation) => {
        const fake = new FakeJira(() =>
          operation === 'get' ? jsonResponse(200, { key, value: 1 }) : emptyResponse(operation === 'set' ? 201 : 204),
        );
        const { client } = clientFor(fake);
        const run =
          operation === 'get'
            ? () => client.getProperty(accountId, key)
            : operation === 'set'
              ? () => client.setProperty(accountId, key, '{"on":true}')
              : () => client.deleteProperty(accountId, key);

        let error: unknown;
        try {
          await run();
        } catch (caught) {
          error = caught;
        }

        if (error !== undefined) {
          expect(error).toBeInstanceOf(ValidationError);
          expect(fake.calls).toHaveLength(0);
          seen.refused++;
          return;
        }
        expect(fake.calls).toHaveLength(1);
        const [call] = fake.calls;
        expect(call.path.startsWith(PREFIX)).toBe(true);
        const segment = call.path.slice(PREFIX.length);
        expect(segment).not.toMatch(/[/?#]/);
        expect(segment.length).toBeGreaterThan(0);
        expect(decodeURIComponent(segment)).toBe(key);
        expect(call.url.slice(call.path.length)).toBe(`?accountId=${encodeURIComponent(accountId)}`);
        expect(call.query.get('accountId')).toBe(accountId);
        seen.sent++;
      }),
      { numRuns: 1000 },
    );
    // Both branches must really be exercised for the property to mean anything.
    expect(seen.refused).toBeGreaterThan(50);
    expect(seen.sent).toBeGreaterThan(300);
  });
});
