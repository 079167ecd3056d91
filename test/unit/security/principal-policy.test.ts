// Which principal the transports really use is asserted end to end: the integration and fuzz tests check that
// every request the simulator receives from a resolver carries the invoking user, never the app.
import { principalFor, type JiraOperation } from '../../../src/security/principal-policy';

// Every member of the JiraOperation union, listed by hand from src/security/principal-policy.ts.
const OPERATIONS = [
  'read-own-profile',
  'check-admin-permission',
  'search-users',
  'read-user-profile',
  'read-properties',
  'write-property',
  'delete-property',
] as const satisfies readonly JiraOperation[];

// Compile-time check (tsc): the list above holds every JiraOperation, so a new operation added to the type
// without being listed here fails the typecheck.
type Unlisted = Exclude<JiraOperation, (typeof OPERATIONS)[number]>;
const everyOperationListed: [Unlisted] extends [never] ? true : false = true;

describe('principal policy', () => {
  it('lists every operation of the type exactly once', () => {
    expect(everyOperationListed).toBe(true);
    expect(new Set(OPERATIONS).size).toBe(OPERATIONS.length);
  });

  it.each(OPERATIONS)('runs %s as the user, with a stated reason', (operation) => {
    const decision = principalFor(operation);
    expect(decision).toBeDefined();
    expect(decision.principal).toBe('user');
    expect(typeof decision.reason).toBe('string');
    expect(decision.reason.trim().length).toBeGreaterThan(0);
  });

  it.each(['write-as-app', 'toString', 'constructor'])('refuses an operation it has no policy for (%s)', (operation) => {
    expect(() => principalFor(operation as JiraOperation)).toThrow(/No principal policy/);
  });

  it('gives each operation its own reason', () => {
    const reasons = OPERATIONS.map((operation) => principalFor(operation).reason);
    expect(new Set(reasons).size).toBe(reasons.length);
  });
});
