import { ForbiddenError } from '../../../src/domain/errors';
import { createDeadline } from '../../../src/jira/retry';
import { jobJira, type JobOwnerProof } from '../../../src/security/job-principal';

// A job's asApp() client refuses, before anything is sent, every request an inventory does not need: no write, no
// other endpoint, whatever the code asks for. (Its reads are exercised for real in test/integration/site-jobs.test.ts.)
const proof = { ownerAccountId: '5b10ac8d82e05b22cc7d4ef5' } as unknown as JobOwnerProof;
const jira = jobJira(proof, { deadline: createDeadline(1_000) });
const bob = '557058:9c2f6c1e-3b8a-4e57-a6d2-0f4b7e1d9a33';

test.each([
  ['a write', () => jira.setProperty(bob, 'costCenter', '"CC-1"')],
  ['a delete', () => jira.deleteProperty(bob, 'costCenter')],
  ['a profile read', () => jira.getUser(bob)],
  ['a group read', () => jira.getMyGroups()],
  ['a user search', () => jira.findUsers('bob')],
])('%s is refused as outside what a site-wide job may do', async (_name, request) => {
  await expect(request()).rejects.toThrow(new ForbiddenError('A site-wide job only reads users and their properties.'));
});

test('without a checked owner there is no client', () => {
  expect(() => jobJira({} as JobOwnerProof, { deadline: createDeadline(1_000) })).toThrow('A job needs its owner checked first.');
});
