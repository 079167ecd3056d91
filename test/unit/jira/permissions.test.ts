import { ForbiddenError, JiraError } from '../../../src/domain/errors';
import { clientFor, FakeJira, jsonResponse } from './fake-jira';

const answer = (permissions: unknown) => jsonResponse(200, { permissions });

describe('hasGlobalPermission', () => {
  it('GETs /mypermissions for ADMINISTER and reads havePermission', async () => {
    const fake = new FakeJira().answer(
      answer({ ADMINISTER: { id: '0', key: 'ADMINISTER', type: 'GLOBAL', havePermission: true } }),
    );
    const { client } = clientFor(fake);
    await expect(client.hasGlobalPermission('ADMINISTER')).resolves.toBe(true);
    expect(fake.calls[0].method).toBe('GET');
    expect(fake.calls[0].url).toBe('/rest/api/3/mypermissions?permissions=ADMINISTER');
  });

  it.each([
    ['havePermission false', { ADMINISTER: { havePermission: false } }],
    ['havePermission as a string', { ADMINISTER: { havePermission: 'true' } }],
    ['no ADMINISTER entry', {}],
    ['an entry that is not an object', { ADMINISTER: true }],
  ])('fails closed on %s', async (_name, permissions) => {
    const { client } = clientFor(new FakeJira().answer(answer(permissions)));
    await expect(client.hasGlobalPermission('ADMINISTER')).resolves.toBe(false);
  });

  it.each([
    ['no permissions object', {}],
    ['permissions as an array', { permissions: [] }],
  ])('throws JiraError on %s', async (_name, body) => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(200, body)));
    await expect(client.hasGlobalPermission('ADMINISTER')).rejects.toBeInstanceOf(JiraError);
  });

  it('throws ForbiddenError on 401', async () => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(401, { code: 401, message: 'Unauthorized; scope does not match' })));
    await expect(client.hasGlobalPermission('ADMINISTER')).rejects.toBeInstanceOf(ForbiddenError);
  });
});
