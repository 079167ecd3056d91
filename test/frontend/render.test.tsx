import { installNodeBridge, type NodeBridge } from '../../harness/ui/node-bridge';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));
beforeEach(() => jest.resetModules());

// Loads a frontend entry through the real @forge/react reconciler, with invoke wired to the local runtime.
async function render(entry: 'admin' | 'preferences', as: DemoUser, moduleKey: string): Promise<NodeBridge> {
  const bridge = installNodeBridge({
    invoke: (data) => {
      const { functionKey, payload } = data as { functionKey: string; payload: unknown };
      return app.runtime.invoke({ functionKey, payload, context: { accountId: DEMO_USERS[as].accountId, moduleKey } });
    },
    getContext: () => ({ accountId: DEMO_USERS[as].accountId, moduleKey }),
  });
  bridge.mount(() => require(`../../src/frontend/${entry}/index`));
  return bridge;
}

test('the admin page renders for an admin after a spinner', async () => {
  const ui = await render('admin', 'admin', MODULE_KEYS.adminPage);
  expect(ui.find('Spinner')).toHaveLength(1);
  await ui.waitFor(() => ui.find('UserPicker').length > 0);
  expect(ui.find('Heading').map((h) => ui.text(h))).toEqual(['User properties']);
  expect(ui.commands).toContain('invoke');
});

test('the admin page tells a non-admin they need Administer Jira', async () => {
  const ui = await render('admin', 'alice', MODULE_KEYS.adminPage);
  await ui.waitFor(() => ui.find('SectionMessage').length > 0);
  expect(ui.text()).toContain('needs the Administer Jira global permission');
  expect(ui.find('UserPicker')).toEqual([]);
});

test('the personal settings page lists the caller\'s own properties with sizes', async () => {
  const ui = await render('preferences', 'alice', MODULE_KEYS.personalSettings);
  await ui.waitFor(() => ui.text().includes('My preferences'));
  for (const key of app.simulator.store.listKeys(DEMO_USERS.alice.accountId)) expect(ui.text()).toContain(`${key}:`);
  expect(ui.text()).toContain('of 32,768 bytes');
});
