import { DEMO_GROUPS } from '../../harness/simulator';
import type { SimStore } from '../../harness/simulator/store';
import type { NodeBridge } from '../../harness/ui/node-bridge';
import { keyAcrossUsersCsv, keyAcrossUsersJson } from '../../src/domain/property-export';
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
afterEach(async () => {
  jest.restoreAllMocks();
  await app.runtime.queue.idle();
  expect(app.simulator.contractViolations).toEqual([]);
});

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

// Export values and Change these users in bulk, from the finder's results.
const JOB_MS = 20_000;
const store = () => app.simulator.store as SimStore;
const activePeople = () => people().filter((user) => user.active).map((user) => user.accountId);

interface Invocation {
  functionKey: string;
  payload: Record<string, unknown>;
  answer?: { success: boolean; data?: Record<string, unknown> };
}

/**
 * Records the page's resolver calls and their answers; `gate` may hold a call (by its key and its index among calls of
 * that key) until the promise it returns settles.
 */
function spyInvoke(gate?: (functionKey: string, index: number) => Promise<void> | undefined): Invocation[] {
  const calls: Invocation[] = [];
  const invoke = app.runtime.invoke.bind(app.runtime);
  jest.spyOn(app.runtime, 'invoke').mockImplementation(async (request) => {
    const call: Invocation = { functionKey: request.functionKey, payload: request.payload as Record<string, unknown> };
    const index = calls.filter((c) => c.functionKey === request.functionKey).length;
    calls.push(call);
    await gate?.(request.functionKey, index);
    const answer = await invoke(request);
    call.answer = answer as Invocation['answer'];
    return answer;
  });
  return calls;
}

/** A gate the test opens by hand. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

async function findHolders(ui: NodeBridge, key: string) {
  await openTab(ui, 'All users');
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'findKey')[0]!, 'onChange', key);
  ui.fire(button(ui, 'Find'), 'onClick');
  await ui.waitFor(() => ui.text().includes('active users found'), JOB_MS);
}

const exportText = (ui: NodeBridge) => String(ui.find('TextArea', (n) => n.props.name === 'keyExport')[0]?.props.value ?? '');
const readCalls = (calls: Invocation[]) => calls.filter((c) => c.functionKey === 'readKeyValues');

test('Export values reads every user found, 100 to a call, shows its progress, then the exact JSON or CSV', async () => {
  const key = 'export-ui.budget';
  const holders = activePeople();
  expect(holders.length).toBeGreaterThan(100);
  holders.forEach((accountId, i) => store().putPropertyJson(accountId, key, i % 3 === 0 ? `{"n":${i}}` : `"v${i}"`));
  const exact = '{"id":12345678901234567890,"esc":"a\\u00e9\\"b"}';
  store().putPropertyJson(holders[7]!, key, exact);
  const second = latch();
  const calls = spyInvoke((functionKey, index) => (functionKey === 'readKeyValues' && index === 1 ? second.opened : undefined));
  const { ui } = openUiKitPage(app, 'admin', 'admin');
  await findHolders(ui, key);
  expect(ui.text()).toContain(`${holders.length} active users found`);
  ui.fire(button(ui, 'Export values'), 'onClick');

  // The first 100 are read; the second call is held: the progress shows.
  await ui.waitFor(() => ui.text().includes(`Read 100 of ${holders.length} users`), JOB_MS);
  expect(ui.find('ProgressBar')[0]!.props.value).toBeCloseTo(100 / holders.length);
  expect(exportText(ui)).toBe('');
  second.open();
  await ui.waitFor(() => exportText(ui) !== '', JOB_MS);

  const reads = readCalls(calls);
  expect(reads.map((c) => Object.keys(c.payload).sort())).toEqual([['accountIds', 'key'], ['accountIds', 'key']]);
  expect(reads.map((c) => (c.payload.accountIds as string[]).length)).toEqual([100, holders.length - 100]);
  expect(reads.every((c) => c.payload.key === key)).toBe(true);
  const asked = reads.flatMap((c) => c.payload.accountIds as string[]);
  expect([...asked].sort()).toEqual([...holders].sort());
  // The JSON is the one-key file of every value, as stored, in the order read; the 20-digit id digit for digit.
  const rows = asked.map((accountId) => ({ accountId, json: store().getPropertyJson(accountId, key) }));
  expect(exportText(ui)).toBe(keyAcrossUsersJson(key, rows));
  expect(exportText(ui)).toContain(`"${holders[7]}": {\n    "${key}": ${exact}\n  }`);
  expect(ui.text()).toContain(`${holders.length} of ${holders.length} users have ${key}`);
  expect(ui.text()).toContain(`property-values-${key}.json`);

  ui.fire(ui.find('Select', (n) => n.props.name === 'keyExportFormat')[0]!, 'onChange', { label: 'CSV (flat values)', value: 'csv' });
  await ui.waitFor(() => exportText(ui).startsWith('accountId,key,json'));
  const csv = keyAcrossUsersCsv(key, rows);
  expect(exportText(ui)).toBe(csv.text);
  expect(ui.text()).toContain(`${csv.left} object or array values are only in the JSON export`);
  ui.fire(button(ui, 'Close'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect(readCalls(calls)).toHaveLength(2);
});

test('Close while reading stops the export: no further call starts', async () => {
  const key = 'export-ui.cancel';
  activePeople().forEach((accountId) => store().putPropertyJson(accountId, key, '1'));
  const first = latch();
  const calls = spyInvoke((functionKey, index) => (functionKey === 'readKeyValues' && index === 0 ? first.opened : undefined));
  const { ui } = openUiKitPage(app, 'admin', 'admin');
  await findHolders(ui, key);
  ui.fire(button(ui, 'Export values'), 'onClick');
  await ui.waitFor(() => readCalls(calls).length === 1 && ui.text().includes(`Read 0 of ${activePeople().length} users`));
  ui.fire(button(ui, 'Close'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  first.open();
  await ui.waitFor(() => readCalls(calls)[0]!.answer !== undefined);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(readCalls(calls)).toHaveLength(1);
});

test('Change these users in bulk: a scan\'s users go to Bulk changes as the finder target', async () => {
  const key = 'export-ui.bulk';
  const holders = activePeople().slice(0, 12);
  holders.forEach((accountId) => store().putPropertyJson(accountId, key, 'true'));
  const calls = spyInvoke();
  const { ui } = openUiKitPage(app, 'admin', 'admin');
  await findHolders(ui, key);
  const jobId = calls.find((c) => c.functionKey === 'findUsers' && c.answer?.data?.jobId)?.answer?.data?.jobId;
  expect(typeof jobId).toBe('string');
  ui.fire(button(ui, 'Change these users in bulk'), 'onClick');
  await ui.waitFor(() => ui.get('Tabs').props.selected === tabLabels(ui).indexOf('Bulk changes') && ui.find('Select', (n) => n.props.name === 'bulkTarget').length === 1);
  const target = () => ui.find('Select', (n) => n.props.name === 'bulkTarget')[0]!;
  const label = `Users found by the search for ${key} (12 users)`;
  expect(target().props.value).toEqual({ label, value: 'found' });
  expect(sectionTitles(ui)).toContain(label);

  // The admin may switch away, and back.
  ui.fire(target(), 'onChange', { label: 'Listed users', value: 'listed' });
  await ui.waitFor(() => ui.find('TextArea', (n) => n.props.name === 'bulkAccountIds').length === 1);
  expect((target().props.options as { value: string }[]).map((o) => o.value)).toEqual(['found', 'listed', 'group', 'all']);
  ui.fire(target(), 'onChange', { label, value: 'found' });
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'bulkKey')[0]!, 'onChange', 'export-ui.bulk.after');
  ui.fire(ui.find('TextArea', (n) => n.props.name === 'bulkJson')[0]!, 'onChange', '{"n":12345678901234567890}');
  await ui.waitFor(() => button(ui, 'Dry run').props.isDisabled !== true);
  ui.fire(button(ui, 'Dry run'), 'onClick');
  await ui.waitFor(() => ui.text().includes('Would change'), JOB_MS);
  expect(calls.filter((c) => c.functionKey === 'startJob').map((c) => c.payload)).toEqual([
    { kind: 'bulk', dryRun: true, target: { finder: jobId }, operation: { op: 'set', key: 'export-ui.bulk.after', json: '{"n":12345678901234567890}' } },
  ]);
  expect(ui.text()).toContain('Would change 12 users of 12 users: 12 to create.');
});

test('Change these users in bulk: Jira\'s immediate answer goes as its listed account ids', async () => {
  const key = 'exportUiCode';
  const holders = activePeople().slice(3, 8);
  holders.forEach((accountId) => store().putPropertyJson(accountId, key, '{"code":"CC-7"}'));
  const calls = spyInvoke();
  const { ui } = openUiKitPage(app, 'admin', 'admin');
  await openTab(ui, 'All users');
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'findKey')[0]!, 'onChange', key);
  ui.fire(ui.find('Select', (n) => n.props.name === 'findMode')[0]!, 'onChange', { label: 'Value at a path equals', value: 'value' });
  await ui.waitFor(() => ui.find('Textfield', (n) => n.props.name === 'findValue').length === 1);
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'findPath')[0]!, 'onChange', 'code');
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'findValue')[0]!, 'onChange', 'CC-7');
  ui.fire(button(ui, 'Find'), 'onClick');
  await ui.waitFor(() => ui.text().includes("by Jira's search"));
  ui.fire(button(ui, 'Change these users in bulk'), 'onClick');
  await ui.waitFor(() => ui.find('Select', (n) => n.props.name === 'bulkTarget').length === 1);
  expect(ui.find('Select', (n) => n.props.name === 'bulkTarget')[0]!.props.value).toEqual({ label: `Users found by the search for ${key}: code = CC-7 (5 users)`, value: 'found' });
  ui.fire(ui.find('Select', (n) => n.props.name === 'bulkOperation')[0]!, 'onChange', { label: 'Delete the key', value: 'delete' });
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'bulkKey')[0]!, 'onChange', key);
  await ui.waitFor(() => button(ui, 'Dry run').props.isDisabled !== true);
  ui.fire(button(ui, 'Dry run'), 'onClick');
  await ui.waitFor(() => ui.text().includes('Would change'), JOB_MS);
  const found = (calls.find((c) => c.functionKey === 'findUsers')?.answer?.data?.users as { accountId: string }[]).map((user) => user.accountId);
  expect([...found].sort()).toEqual([...holders].sort());
  expect(calls.filter((c) => c.functionKey === 'startJob').map((c) => c.payload)).toEqual([{ kind: 'bulk', dryRun: true, target: { accountIds: found }, operation: { op: 'delete', key } }]);
});

test('a search for users lacking a key offers the bulk change, not an export of values they do not have', async () => {
  const key = 'export-ui.absent';
  const holders = activePeople().slice(0, 4);
  holders.forEach((accountId) => store().putPropertyJson(accountId, key, '1'));
  const { ui } = openUiKitPage(app, 'admin', 'admin');
  await openTab(ui, 'All users');
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'findKey')[0]!, 'onChange', key);
  ui.fire(ui.find('Select', (n) => n.props.name === 'findMode')[0]!, 'onChange', { label: 'Does not have the key', value: 'absent' });
  ui.fire(button(ui, 'Find'), 'onClick');
  await ui.waitFor(() => ui.text().includes('active users found'), JOB_MS);
  expect(ui.text()).toContain(`${activePeople().length - holders.length} active users found`);
  expect(ui.find('Button', (n) => ui.text(n) === 'Export values')).toEqual([]);
  ui.fire(button(ui, 'Change these users in bulk'), 'onClick');
  await ui.waitFor(() => ui.find('Select', (n) => n.props.name === 'bulkTarget').length === 1);
  expect(ui.find('Select', (n) => n.props.name === 'bulkTarget')[0]!.props.value).toMatchObject({
    label: `Users found by the search for ${key}: without it (${activePeople().length - holders.length} users)`,
    value: 'found',
  });
});
