import { DEMO_GROUPS } from '../../harness/simulator';
import { button, buttonIn, openTab, sectionTitles, tabLabels } from '../support/admin-ui';
import { startTestApp, DEMO_USERS, type TestApp } from '../support/test-app';
import { openUiKitPage } from '../support/ui-kit-page';

// The All users tab through the real @forge/react reconciler: the inventory job runs for real (the local platform's
// queue delivers it to the consumer function), on the demo site and 150 generated users.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ siteUsers: 150 });
});
afterAll(() => app.close());
beforeEach(() => jest.resetModules());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const people = () => app.simulator.store.listUsers().filter((user) => (user.accountType ?? 'atlassian') === 'atlassian');
const distinctKeys = () => new Set(people().flatMap((user) => app.simulator.store.keysByUser().get(user.accountId) ?? []));

test('an admin starts an inventory, follows it, and gets the key table, filterable', async () => {
  const { ui, flags } = openUiKitPage(app, 'admin', 'admin');
  await openTab(ui, 'All users');
  await ui.waitFor(() => ui.text().includes('No inventory has finished yet.'));
  ui.fire(button(ui, 'Start inventory'), 'onClick');
  // Progress while it runs (the page asks every 2 s), then the table once it is done.
  await ui.waitFor(() => ui.find('DynamicTable').length === 1, 20_000);
  expect(flags).toContainEqual(expect.objectContaining({ title: 'Inventory finished', type: 'success' }));
  const keys = distinctKeys();
  expect(String(ui.get('DynamicTable').props.caption)).toBe(`${keys.size} of ${keys.size} keys on ${people().length} users`);
  const onboarding = ui.find('Row').find((row) => ui.text(row.children[0]) === 'onboarding');
  expect(onboarding && ui.text(onboarding)).toContain('Jira onboarding');

  ui.fire(ui.find('Textfield', (n) => n.props.name === 'inventoryFilter')[0], 'onChange', 'onboard');
  await ui.waitFor(() => String(ui.get('DynamicTable').props.caption).startsWith('1 of '));

  // Drill-down: the users having the key, by a scan (Jira cannot search for presence), each opening in the Users tab.
  const row = () => ui.find('Row').find((r) => ui.text(r.children[0]) === 'onboarding');
  ui.fire(buttonIn(ui, row()!, 'Users'), 'onClick');
  await ui.waitFor(() => ui.text().includes('active users found'), 20_000);
  const having = people().filter((user) => user.active && (app.simulator.store.keysByUser().get(user.accountId) ?? []).includes('onboarding'));
  expect(ui.text()).toContain(`${having.length} active users found`);
  expect(ui.text()).toContain('by a scan of every user');
  // Rows of the found users end with an Open button (the inventory's rows with a Users one).
  const first = ui.find('Row').find((r) => ui.text(r).endsWith('Open'))!;
  const openedId = having.map((user) => user.accountId).find((id) => ui.text(first).includes(id))!;
  ui.fire(buttonIn(ui, first, 'Open'), 'onClick');
  await ui.waitFor(() => ui.get('Tabs').props.selected === 0 && ui.text().includes(openedId));
});

test('the finder answers a value query through Jira\'s search', async () => {
  const { ui } = openUiKitPage(app, 'admin', 'admin');
  await openTab(ui, 'All users');
  const values = app.simulator.store.valuesOfKey('costCenter');
  const [accountId, json] = [...values].find(([id, text]) => text.startsWith('{') && people().some((user) => user.accountId === id && user.active))!;
  const code = (JSON.parse(json) as { code: string }).code;
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'findKey')[0], 'onChange', 'costCenter');
  ui.fire(ui.find('Select', (n) => n.props.name === 'findMode')[0], 'onChange', { label: 'Value at a path equals', value: 'value' });
  await ui.waitFor(() => ui.find('Textfield', (n) => n.props.name === 'findValue').length === 1);
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'findPath')[0], 'onChange', 'code');
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'findValue')[0], 'onChange', code);
  ui.fire(button(ui, 'Find'), 'onClick');
  await ui.waitFor(() => ui.text().includes("by Jira's search"));
  expect(ui.text()).toContain(accountId);
});

test('while a job runs the page shows its progress and can cancel it', async () => {
  app.runtime.queue.faults.slowNext(50, 4_000);
  const { ui } = openUiKitPage(app, 'admin', 'admin');
  await openTab(ui, 'All users');
  ui.fire(button(ui, 'Start inventory'), 'onClick');
  await ui.waitFor(() => ui.find('ProgressBar').length === 1);
  expect(sectionTitles(ui)).toContain('Inventory running');
  ui.fire(button(ui, 'Cancel inventory'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('The last inventory was cancelled'));
  app.runtime.queue.faults.reset();
  await app.runtime.queue.idle();
});

test('a delegate sees no All users tab', async () => {
  app.simulator.store.addMember(DEMO_GROUPS.hrManagers.name, DEMO_USERS.alice.accountId);
  await app.invoke('saveDelegation', { delegation: { groupId: DEMO_GROUPS.hrManagers.groupId, groupName: DEMO_GROUPS.hrManagers.name, keys: [{ match: 'exact', value: 'costCenter' }] } }, 'admin');
  const { ui } = openUiKitPage(app, 'admin', 'alice');
  await ui.waitFor(() => ui.find('Tab').length > 0);
  expect(tabLabels(ui)).toEqual(['Users', 'Bulk changes']);
});
