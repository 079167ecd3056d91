import { NeedsAuthenticationError, ProxyRequestError } from '@forge/api';
import { ForbiddenError, JiraError, NeedsAuthenticationAppError } from '../../../src/domain/errors';
import { createJiraClient } from '../../../src/jira/client';
import { createDeadline } from '../../../src/jira/retry';
import { ACCOUNT_ID, clientFor, emptyResponse, fakeClock, FakeJira, jsonResponse, rejectionOf } from './fake-jira';

describe('createJiraClient: failures of the transport itself', () => {
  it('maps NeedsAuthenticationError from @forge/api to NEEDS_AUTHENTICATION, without retrying', async () => {
    const thrown = new NeedsAuthenticationError('Authentication Required', 'atlassian-token-service-key');
    const fake = new FakeJira(() => {
      throw thrown;
    });
    const { client } = clientFor(fake);
    const error = await rejectionOf(() => client.getProperty(ACCOUNT_ID, 'theme'));
    expect(error).toBeInstanceOf(NeedsAuthenticationAppError);
    expect((error as NeedsAuthenticationAppError).code).toBe('NEEDS_AUTHENTICATION');
    expect(error.cause).toBe(thrown);
    expect(fake.calls).toHaveLength(1);
  });

  it('retries a ProxyRequestError and then maps it to JiraError', async () => {
    const fake = new FakeJira(() => {
      throw new ProxyRequestError(504, 'GATEWAY_TIMEOUT');
    });
    const { client, clock } = clientFor(fake);
    const error = await rejectionOf(() => client.hasGlobalPermission('ADMINISTER'));
    expect(error).toBeInstanceOf(JiraError);
    expect(error.message).toContain('GATEWAY_TIMEOUT');
    expect(fake.calls).toHaveLength(4);
    expect(clock.sleeps).toEqual([125, 250, 500]);
  });

  it('recovers from one network failure', async () => {
    const fake = new FakeJira().answer(() => {
      throw new TypeError('fetch failed');
    }, jsonResponse(200, { keys: [] }));
    const { client } = clientFor(fake);
    await expect(client.listPropertyKeys(ACCOUNT_ID)).resolves.toEqual([]);
  });

  it('maps the Forge proxy\'s scope 401 to ForbiddenError with its message', async () => {
    const fake = new FakeJira().answer(jsonResponse(401, { code: 401, message: 'Unauthorized; scope does not match' }));
    const { client } = clientFor(fake);
    const error = await rejectionOf(() => client.setProperty(ACCOUNT_ID, 'theme', '1'));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toMatch(/^Jira did not accept the app's credentials to save the property "theme"/);
    expect(error.message).toContain('Unauthorized; scope does not match');
  });

  it('keeps a proxy\'s HTML error page out of the message', async () => {
    const fake = new FakeJira().answer(new Response('<html><body>Bad gateway</body></html>', { status: 502 }));
    const { client } = clientFor(fake);
    const error = await rejectionOf(() => client.getUser(ACCOUNT_ID));
    expect(error).toBeInstanceOf(JiraError);
    expect(error.message).toBe(`Jira failed to read user ${ACCOUNT_ID} (HTTP 502).`);
  });

  it('reports failures without stack traces', async () => {
    const fake = new FakeJira(() => {
      throw new Error('socket hang up');
    });
    const { client } = clientFor(fake, { maxAttempts: 1 });
    const error = await rejectionOf(() => client.getUser(ACCOUNT_ID));
    expect(error.message).not.toMatch(/\n\s+at |socket hang up/);
  });
});

describe('createJiraClient: the shared deadline', () => {
  it('stops retrying every request once the invocation budget is spent', async () => {
    const clock = fakeClock();
    const deadline = createDeadline(1500, clock.now);
    const fake = new FakeJira(() => emptyResponse(503, { 'Retry-After': '1' }));
    const retry = { sleep: clock.sleep, now: clock.now, random: () => 0.5 };
    const first = createJiraClient({ requestJira: fake.requestJira, retry, deadline });
    const second = createJiraClient({ requestJira: fake.requestJira, retry, deadline });

    await expect(first.listPropertyKeys(ACCOUNT_ID)).rejects.toMatchObject({ code: 'JIRA_ERROR', status: 503 });
    expect(fake.calls).toHaveLength(2); // one wait of 1 s fits in 1.5 s, a second does not
    await expect(second.getCurrentUser()).rejects.toMatchObject({ code: 'JIRA_ERROR', status: 503 });
    expect(fake.calls).toHaveLength(3); // 0.5 s left: no retry at all
    expect(clock.sleeps).toEqual([1000]);
  });
});
