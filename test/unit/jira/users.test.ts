import { ForbiddenError, JiraError, NotFoundError, RateLimitedError, ValidationError } from '../../../src/domain/errors';
import { toUserSummary } from '../../../src/jira/users';
import { ACCOUNT_ID, clientFor, FakeJira, jiraUser, jsonResponse, rejectionOf } from './fake-jira';

describe('toUserSummary', () => {
  it('takes the 48x48 avatar and the email address', () => {
    expect(toUserSummary(jiraUser())).toEqual({
      accountId: ACCOUNT_ID,
      displayName: 'Mia Krystof',
      active: true,
      avatarUrl: 'https://avatar.example/48.png',
      emailAddress: 'mia@example.com',
    });
  });

  it('defaults active to true and leaves hidden fields out', () => {
    expect(toUserSummary(jiraUser({ active: undefined, emailAddress: undefined, avatarUrls: undefined }))).toEqual({
      accountId: ACCOUNT_ID,
      displayName: 'Mia Krystof',
      active: true,
    });
  });

  it('leaves out an avatar without a 48x48 size', () => {
    expect(toUserSummary(jiraUser({ avatarUrls: { '16x16': 'https://avatar.example/16.png' } }))).not.toHaveProperty('avatarUrl');
  });

  it('keeps active false', () => {
    expect(toUserSummary(jiraUser({ active: false }))?.active).toBe(false);
  });

  it('falls back to the accountId when the display name is hidden', () => {
    expect(toUserSummary({ accountId: ACCOUNT_ID })?.displayName).toBe(ACCOUNT_ID);
  });

  it.each([null, 'user', [], {}, { accountId: 7 }])('refuses %p', (body) => {
    expect(toUserSummary(body)).toBeUndefined();
  });
});

describe('getUser', () => {
  it('GETs the user by accountId', async () => {
    const fake = new FakeJira().answer(jsonResponse(200, jiraUser()));
    const { client } = clientFor(fake);
    await expect(client.getUser(ACCOUNT_ID)).resolves.toMatchObject({ accountId: ACCOUNT_ID, displayName: 'Mia Krystof' });
    expect(fake.calls[0].method).toBe('GET');
    expect(fake.calls[0].url).toBe(`/rest/api/3/user?accountId=${ACCOUNT_ID}`);
    expect(fake.calls[0].headers.Accept).toBe('application/json');
  });

  it('throws NotFoundError naming the user on 404', async () => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(404, { errorMessages: [] })));
    const error = await rejectionOf(() => client.getUser(ACCOUNT_ID));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`Jira could not find user ${ACCOUNT_ID}.`);
  });

  it('throws JiraError on a user without accountId', async () => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(200, { displayName: 'x' })));
    await expect(client.getUser(ACCOUNT_ID)).rejects.toBeInstanceOf(JiraError);
  });

  it('refuses an invalid accountId without calling Jira', async () => {
    const fake = new FakeJira();
    const { client } = clientFor(fake);
    await expect(client.getUser('a?b')).rejects.toBeInstanceOf(ValidationError);
    expect(fake.calls).toEqual([]);
  });
});

describe('getCurrentUser', () => {
  it('GETs /myself', async () => {
    const fake = new FakeJira().answer(jsonResponse(200, jiraUser({ accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077' })));
    const { client } = clientFor(fake);
    await expect(client.getCurrentUser()).resolves.toMatchObject({ accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077' });
    expect(fake.calls[0].url).toBe('/rest/api/3/myself');
  });

  it('throws ForbiddenError on 401', async () => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(401, {})));
    await expect(client.getCurrentUser()).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('findUsers', () => {
  it('GETs /user/search with the query encoded and 20 results by default', async () => {
    const fake = new FakeJira().answer(jsonResponse(200, [jiraUser(), jiraUser({ accountId: 'other', active: false })]));
    const { client } = clientFor(fake);
    const users = await client.findUsers('mia & co/?#');
    expect(users.map((user) => [user.accountId, user.active])).toEqual([
      [ACCOUNT_ID, true],
      ['other', false],
    ]);
    const [call] = fake.calls;
    expect(call.method).toBe('GET');
    expect(call.path).toBe('/rest/api/3/user/search');
    expect(call.url).toBe('/rest/api/3/user/search?query=mia%20%26%20co%2F%3F%23&maxResults=20');
    expect(call.query.get('query')).toBe('mia & co/?#');
    expect(call.query.get('maxResults')).toBe('20');
  });

  it('passes maxResults', async () => {
    const fake = new FakeJira().answer(jsonResponse(200, []));
    const { client } = clientFor(fake);
    await expect(client.findUsers('mia', 50)).resolves.toEqual([]);
    expect(fake.calls[0].query.get('maxResults')).toBe('50');
  });

  it.each([
    ['a blank query', '  ', 20],
    ['a 256-character query', 'q'.repeat(256), 20],
    ['maxResults 0', 'mia', 0],
    ['maxResults 1001', 'mia', 1001],
    ['fractional maxResults', 'mia', 2.5],
  ])('refuses %s without calling Jira', async (_name, query, maxResults) => {
    const fake = new FakeJira();
    const { client } = clientFor(fake);
    await expect(client.findUsers(query, maxResults)).rejects.toBeInstanceOf(ValidationError);
    expect(fake.calls).toEqual([]);
  });

  it.each([
    ['not an array', { values: [] }],
    ['holding a user without accountId', [jiraUser(), { displayName: 'x' }]],
  ])('throws JiraError on a body %s', async (_name, body) => {
    const { client } = clientFor(new FakeJira().answer(jsonResponse(200, body)));
    await expect(client.findUsers('mia')).rejects.toBeInstanceOf(JiraError);
  });

  it('throws RateLimitedError when the shared search limit stays exhausted', async () => {
    const fake = new FakeJira(() => jsonResponse(429, {}, { 'Retry-After': '1' }));
    const { client } = clientFor(fake);
    await expect(client.findUsers('mia')).rejects.toBeInstanceOf(RateLimitedError);
  });
});
