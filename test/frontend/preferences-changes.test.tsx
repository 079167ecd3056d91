import { DEMO_GROUPS } from '../../harness/simulator';
import { installNodeBridge, type ForgeDoc, type NodeBridge } from '../../harness/ui/node-bridge';
import type { HistoryPage } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';
import { openUiKitPage } from '../support/ui-kit-page';

// My preferences, "Changes made to your profile by others": the history of the caller's own record without their own
// writes, through the real @forge/react reconciler and the real resolvers (local runtime + simulator).
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // Keys without a definition may be edited by their owner here; alice manages "changes.cc*" on everyone.
  const raw = await app.invoke('setAllowRawEditing', { allow: true }, 'admin');
  if (!raw.success) throw new Error(`setAllowRawEditing failed: ${JSON.stringify(raw)}`);
  app.simulator.store.addMember(DEMO_GROUPS.hrManagers.name, DEMO_USERS.alice.accountId);
  const saved = await app.invoke('saveDelegation', { delegation: { groupId: DEMO_GROUPS.hrManagers.groupId, groupName: DEMO_GROUPS.hrManagers.name, keys: [{ match: 'prefix', value: 'changes.cc' }] } }, 'admin');
  if (!saved.success) throw new Error(`saveDelegation failed: ${JSON.stringify(saved)}`);
});
afterAll(() => app.close());
beforeEach(() => jest.resetModules());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const TITLE = 'Changes made to your profile by others';

async function writeAs(as: DemoUser, target: DemoUser, key: string, json: string) {
  const own = as === target;
  const payload = own ? { key, json } : { accountId: DEMO_USERS[target].accountId, key, json };
  const answer = await app.invoke('setProperty', payload, as, own ? MODULE_KEYS.personalSettings : MODULE_KEYS.adminPage);
  if (!answer.success) throw new Error(`setProperty ${key} as ${as}: ${answer.error.code} ${answer.error.message}`);
}

const within = (node: ForgeDoc, type: string, predicate: (n: ForgeDoc) => boolean = () => true): ForgeDoc[] => {
  const out: ForgeDoc[] = [];
  const walk = (n: ForgeDoc) => {
    if (n.type === type && predicate(n)) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
};
const changesTable = (ui: NodeBridge) => ui.find('DynamicTable', (n) => n.props.label === TITLE)[0];
/** The section's rows, each as its cells' text: when, who, key, operation. */
const changeRows = (ui: NodeBridge) => {
  const table = changesTable(ui);
  return table ? within(table, 'Row').map((row) => row.children.map((cell) => ui.text(cell))) : [];
};
const buttons = (ui: NodeBridge, label: string) =>
  within(ui.doc as ForgeDoc, 'Button', (n) => ui.text(n) === label).concat(within(ui.doc as ForgeDoc, 'LoadingButton', (n) => ui.text(n) === label));
const sectionLoaded = (ui: NodeBridge) =>
  ui.find('Heading', (h) => ui.text(h) === TITLE).length === 1 && ui.find('Spinner', (s) => s.props.label === 'Loading changes made by others').length === 0;

async function openChanges(as: DemoUser) {
  const opened = openUiKitPage(app, 'preferences', as);
  await opened.ui.waitFor(() => sectionLoaded(opened.ui));
  return opened;
}

/** My preferences as `as`, whose first `failures` listHistory calls answer RATE_LIMITED (the rest go to the app). */
function openWithFailingHistory(as: DemoUser, failures: number) {
  jest.resetModules();
  const context = { accountId: DEMO_USERS[as].accountId, moduleKey: MODULE_KEYS.personalSettings };
  let left = failures;
  const ui = installNodeBridge({
    invoke: (data) => {
      const { functionKey, payload } = data as { functionKey: string; payload: unknown };
      if (functionKey === 'listHistory' && left > 0) {
        left--;
        return Promise.resolve({ success: false, error: { code: 'RATE_LIMITED', message: 'Jira answered 429 Too Many Requests.' } });
      }
      return app.runtime.invoke({ functionKey, payload, context });
    },
    getContext: () => context,
    showFlag: () => undefined,
  });
  ui.mount(() => require('../../src/frontend/preferences/index'));
  return ui;
}

test('lists only the changes someone else made, newest first, with who, when, which key and the operation', async () => {
  await writeAs('admin', 'bob', 'changes.byAdmin', '1');
  await writeAs('bob', 'bob', 'changes.mine', '"me"');
  await writeAs('admin', 'bob', 'changes.byAdmin', '2');
  await writeAs('alice', 'bob', 'changes.cc', '"CC-9"');
  await writeAs('bob', 'bob', 'changes.mine', '"me again"');
  const deleted = await app.invoke('deleteProperty', { accountId: DEMO_USERS.bob.accountId, key: 'changes.byAdmin' }, 'admin');
  expect(deleted.success).toBe(true);

  // Bob's own history holds his own writes too: the section leaves them out.
  const own = await app.invoke<HistoryPage>('listHistory', {}, 'bob', MODULE_KEYS.personalSettings);
  expect(own.success && own.data.entries.map((entry) => entry.key)).toEqual(['changes.byAdmin', 'changes.mine', 'changes.cc', 'changes.byAdmin', 'changes.mine', 'changes.byAdmin']);

  const { ui } = await openChanges('bob');
  await ui.waitFor(() => changeRows(ui).length > 0);
  const rows = changeRows(ui);
  expect(rows.map(([, who, key, operation]) => [who, key, operation])).toEqual([
    ['Alex Admin (as Jira admin)', 'changes.byAdmin', 'Deleted'],
    ['Alice Nguyen (through a delegation)', 'changes.cc', 'Created'],
    ['Alex Admin (as Jira admin)', 'changes.byAdmin', 'Updated'],
    ['Alex Admin (as Jira admin)', 'changes.byAdmin', 'Created'],
  ]);
  for (const [when] of rows) expect(when).toMatch(/\d/);
  expect(buttons(ui, 'Show more')).toEqual([]);
  expect(ui.find('EmptyState', (n) => n.props.header === 'No changes by others')).toEqual([]);
});

test('nobody else changed the profile: an empty state, even when the user changed it themselves', async () => {
  await writeAs('dmitri', 'dmitri', 'changes.self', '"mine"');
  const { ui } = await openChanges('dmitri');
  await ui.waitFor(() => ui.find('EmptyState', (n) => n.props.header === 'No changes by others').length === 1);
  expect(ui.find('EmptyState', (n) => n.props.header === 'No changes by others')[0].props.description).toBe('Nobody else has changed your profile through this app.');
  expect(changesTable(ui)).toBeUndefined();
});

test('a change by someone else behind a page of the user\'s own is still found', async () => {
  await writeAs('admin', 'dmitri', 'changes.older', '{"by":"admin"}');
  for (let i = 0; i < 60; i++) await writeAs('dmitri', 'dmitri', 'changes.self', String(i));
  const { ui } = await openChanges('dmitri');
  await ui.waitFor(() => changeRows(ui).length === 1);
  expect(changeRows(ui)[0].slice(1)).toEqual(['Alex Admin (as Jira admin)', 'changes.older', 'Created']);
  expect(buttons(ui, 'Show more')).toEqual([]);
});

test('more than a page: 50 first, "Show more" reads the rest', async () => {
  for (let i = 1; i <= 55; i++) await writeAs('admin', 'alice', 'changes.paged', String(i));
  const { ui } = await openChanges('alice');
  await ui.waitFor(() => changeRows(ui).length === 50);
  expect(changeRows(ui).every(([, who, key]) => who === 'Alex Admin (as Jira admin)' && key === 'changes.paged')).toBe(true);
  ui.fire(buttons(ui, 'Show more')[0], 'onClick');
  await ui.waitFor(() => changeRows(ui).length === 55);
  expect(changeRows(ui).at(-1)?.[3]).toBe('Created');
  expect(buttons(ui, 'Show more')).toEqual([]);
});

test('while the history loads, a spinner; when it fails, the error with "Try again", which recovers', async () => {
  await writeAs('admin', 'bob', 'changes.retried', '"x"');
  const ui = openWithFailingHistory('bob', 1);
  await ui.waitFor(() => ui.find('Spinner', (s) => s.props.label === 'Loading changes made by others').length === 1);
  await ui.waitFor(() => ui.find('SectionMessage', (n) => n.props.title === 'Jira is busy').length === 1);
  expect(ui.text()).toContain('Jira answered 429 Too Many Requests.');
  expect(changesTable(ui)).toBeUndefined();
  ui.fire(buttons(ui, 'Try again')[0], 'onClick');
  await ui.waitFor(() => changeRows(ui).length > 0);
  expect(changeRows(ui)[0].slice(1)).toEqual(['Alex Admin (as Jira admin)', 'changes.retried', 'Created']);
  expect(ui.find('SectionMessage', (n) => n.props.title === 'Jira is busy')).toEqual([]);
});
