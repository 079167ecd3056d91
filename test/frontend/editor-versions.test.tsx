import { DEMO_GROUPS } from '../../harness/simulator';
import type { ForgeDoc, NodeBridge } from '../../harness/ui/node-bridge';
import { formatJsonText } from '../../src/domain/json-layout';
import type { Delegation } from '../../src/shared/contract';
import { button, buttonIn, openUser, rowKeys, rowOf, sectionTitles } from '../support/admin-ui';
import { DEMO_USERS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';
import { openUiKitPage } from '../support/ui-kit-page';

// The versions of a property in the admin editor, through the real @forge/react reconciler and the real resolvers
// (local runtime + simulator): listed newest first, compared with the current value, restored after a confirmation,
// and never restored over a change made outside the app.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => jest.resetModules());
afterEach(() => {
  app.simulator.faults.clear();
  expect(app.simulator.contractViolations).toEqual([]);
});

const bob = DEMO_USERS.bob.accountId;
const ADMIN_NAME = DEMO_USERS.admin.displayName;

/** Writes through the app as the admin, so each write is in the history. */
async function write(key: string, json: string, as: DemoUser = 'admin') {
  const answer = await app.invoke('setProperty', { accountId: bob, key, json }, as);
  if (!answer.success) throw new Error(`setProperty ${key}: ${answer.error.code} ${answer.error.message}`);
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

const modal = (ui: NodeBridge) => ui.get('Modal');
const versionsTable = (ui: NodeBridge) => ui.find('DynamicTable', (n) => String(n.props.label ?? '').startsWith('Versions of'))[0];
/** The versions' rows, each as its cells' text: when, who, operation (with its markers), actions. */
const versionRows = (ui: NodeBridge) => {
  const table = versionsTable(ui);
  return table ? within(table, 'Row') : [];
};
const versionCells = (ui: NodeBridge) => versionRows(ui).map((row) => row.children.map((cell) => ui.text(cell)));
const operations = (ui: NodeBridge) => versionCells(ui).map((cells) => cells[2]);
const compare = (ui: NodeBridge, index: number) => ui.fire(buttonIn(ui, versionRows(ui)[index], 'Compare'), 'onClick');
const codeBlocks = (ui: NodeBridge) => ui.find('CodeBlock').map((c) => String(c.props.text));
const valueArea = (ui: NodeBridge) => ui.get('TextArea');
const hasButton = (ui: NodeBridge, label: string) => within(ui.doc as ForgeDoc, 'Button', (n) => ui.text(n) === label).length + within(ui.doc as ForgeDoc, 'LoadingButton', (n) => ui.text(n) === label).length > 0;

/** Opens the admin page on Bob, opens the editor of `key`, and waits for its versions (or what stands for them). */
async function openEditor(key: string, as: DemoUser = 'admin', rows?: number) {
  const opened = openUiKitPage(app, 'admin', as);
  const { ui } = opened;
  await openUser(ui, 'bob');
  ui.fire(buttonIn(ui, rowOf(ui, key), 'Edit'), 'onClick');
  await ui.waitFor(() => ui.find('TextArea').length === 1);
  await ui.waitFor(() => ui.find('Spinner', (s) => s.props.label === 'Loading versions').length === 0);
  if (rows !== undefined) await ui.waitFor(() => versionRows(ui).length === rows);
  return opened;
}

test('versions are listed newest first, with who, when and the operation; the newest, matching the value, is marked current', async () => {
  const KEY = 'versions.listed';
  await write(KEY, '{"step":1}');
  await write(KEY, '{"step":2}');
  await write(KEY, '{"step":3}');
  const { ui } = await openEditor(KEY, 'admin', 3);
  expect(ui.text(modal(ui))).toContain('Versions');
  expect(operations(ui)).toEqual(['UpdatedCurrent', 'Updated', 'Created']);
  for (const [when, who] of versionCells(ui)) {
    expect(who).toBe(ADMIN_NAME);
    expect(when).toMatch(/\d/);
  }
  // Newest first, by time.
  const history = await app.invoke<{ entries: Array<{ at: string; after?: string }> }>('listHistory', { accountId: bob, key: KEY }, 'admin');
  if (!history.success) throw new Error('listHistory failed');
  expect(history.data.entries.map((entry) => entry.after)).toEqual(['{"step":3}', '{"step":2}', '{"step":1}']);

  // Selecting the first version shows its value and its differences with the current one, not yet written.
  compare(ui, 2);
  await ui.waitFor(() => codeBlocks(ui).length === 1);
  expect(JSON.parse(codeBlocks(ui)[0])).toEqual({ step: 1 });
  expect(sectionTitles(ui)).toContain('Against the current value, restoring it would change');
  expect(ui.text(modal(ui))).toContain('Changed step');
  // The current version changes nothing: it cannot be restored.
  compare(ui, 0);
  await ui.waitFor(() => ui.text(modal(ui)).includes('restoring it would change nothing'));
  expect(button(ui, 'Restore this version').props.isDisabled).toBe(true);
});

test('more than a page of versions: 50 first, then "Show more" reads the rest', async () => {
  const KEY = 'versions.many';
  for (let i = 1; i <= 55; i++) await write(KEY, String(i));
  const { ui } = await openEditor(KEY, 'admin', 50);
  expect(hasButton(ui, 'Show more')).toBe(true);
  ui.fire(button(ui, 'Show more'), 'onClick');
  await ui.waitFor(() => versionRows(ui).length === 55);
  expect(hasButton(ui, 'Show more')).toBe(false);
  expect(operations(ui).at(-1)).toBe('Created');
  expect(operations(ui).filter((op) => op.startsWith('Created'))).toHaveLength(1);
  // Every version once, newest first: restoring the oldest lists what it writes.
  compare(ui, 54);
  await ui.waitFor(() => codeBlocks(ui).length === 1);
  expect(codeBlocks(ui)[0]).toBe('1');
});

test('restore asks for confirmation, then writes the version, flags it, and refreshes the editor and the table row', async () => {
  const KEY = 'versions.restored';
  await write(KEY, '{"theme":"dark","pins":[1,2]}');
  await write(KEY, '{"theme":"light","pins":[1,2,3],"extra":true}');
  const { ui, flags } = await openEditor(KEY, 'admin', 2);
  compare(ui, 1);
  await ui.waitFor(() => codeBlocks(ui).length === 1);
  const summary = ui.text(ui.find('SectionMessage', (n) => String(n.props.title).startsWith('Against the current value'))[0]);
  expect(summary).toContain('Removed pins[2], extra');
  expect(summary).toContain('Changed theme');

  // The confirmation says what will be written, and where; declining writes nothing.
  ui.fire(button(ui, 'Restore this version'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Restore this version?'));
  const confirmation = ui.text(ui.find('SectionMessage', (n) => n.props.title === 'Restore this version?')[0]);
  expect(confirmation).toContain(`This writes {"theme":"dark","pins":[1,2]} to "${KEY}" on Bob Martin`);
  ui.fire(button(ui, 'Do not restore'), 'onClick');
  await ui.waitFor(() => !sectionTitles(ui).includes('Restore this version?'));
  expect(app.simulator.store.getPropertyJson(bob, KEY)).toBe('{"theme":"light","pins":[1,2,3],"extra":true}');

  // An edit in progress is named in the confirmation: the restore replaces it.
  ui.fire(valueArea(ui), 'onChange', '{"theme":"typed"}');
  ui.fire(button(ui, 'Restore this version'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Restore this version?'));
  expect(ui.text(modal(ui))).toContain('Your unsaved edit in the editor above is replaced');
  ui.fire(button(ui, 'Restore'), 'onClick');
  await ui.waitFor(() => flags.some((flag) => flag.title === 'Version restored'));
  expect(flags.at(-1)).toMatchObject({ type: 'success', description: expect.stringContaining(`"${KEY}" on Bob Martin is back to the version of`) });
  expect(app.simulator.store.getPropertyJson(bob, KEY)).toBe('{"theme":"dark","pins":[1,2]}');

  // The editor stays open on the restored value, with nothing to save; the versions list the restore.
  expect(ui.find('Modal')).toHaveLength(1);
  await ui.waitFor(() => valueArea(ui).props.value === formatJsonText('{"theme":"dark","pins":[1,2]}'));
  expect(button(ui, 'Save').props.isDisabled).toBe(true);
  await ui.waitFor(() => versionRows(ui).length === 3);
  expect(operations(ui)[0]).toBe('Updated (restored)Current');
  // The table's row shows the restored value.
  expect(ui.text(rowOf(ui, KEY))).toContain('{"theme":"dark","pins":[1,2]}');
  ui.fire(button(ui, 'Cancel'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect(ui.text(rowOf(ui, KEY))).toContain('{"theme":"dark","pins":[1,2]}');
});

test('restoring a delete says it deletes the key, deletes it, and the row goes', async () => {
  const KEY = 'versions.deleted';
  await write(KEY, '"first"');
  const deleted = await app.invoke('deleteProperty', { accountId: bob, key: KEY }, 'admin');
  expect(deleted.success).toBe(true);
  await write(KEY, '"again"');
  const { ui, flags } = await openEditor(KEY, 'admin', 3);
  expect(operations(ui)).toEqual(['CreatedCurrent', 'Deleted', 'Created']);
  compare(ui, 1);
  await ui.waitFor(() => ui.text(modal(ui)).includes('This version is a delete'));
  expect(codeBlocks(ui)).toEqual([]);
  expect(ui.text(modal(ui))).toContain(`Restoring it deletes "${KEY}" from Bob Martin.`);
  ui.fire(button(ui, 'Restore this version'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Restore this version?'));
  expect(ui.text(modal(ui))).toContain(`This deletes "${KEY}" from Bob Martin.`);
  ui.fire(button(ui, 'Restore and delete'), 'onClick');
  await ui.waitFor(() => flags.some((flag) => flag.title === 'Version restored'));
  expect(app.simulator.store.getProperty(bob, KEY)).toBeUndefined();
  await ui.waitFor(() => !rowKeys(ui).includes(KEY));
  // The editor now offers to create the key again.
  await ui.waitFor(() => ui.text(modal(ui)).includes('A new property will be created.'));
  expect(hasButton(ui, 'Create')).toBe(true);
  await ui.waitFor(() => versionRows(ui).length === 4);
  expect(operations(ui)[0]).toBe('Deleted (restored)Current');
});

test('a value changed outside the app since: CONFLICT shows the stored value and the version, and nothing is written', async () => {
  const KEY = 'versions.outside';
  await write(KEY, '{"v":1}');
  await write(KEY, '{"v":2}');
  // Another client (a script with an API token) changes the value without the app.
  app.simulator.store.setProperty(bob, KEY, { v: 'outside' });
  const { ui, flags } = await openEditor(KEY, 'admin', 2);
  compare(ui, 1);
  await ui.waitFor(() => codeBlocks(ui).length === 1);
  ui.fire(button(ui, 'Restore this version'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Restore this version?'));
  app.takeRequests();
  ui.fire(button(ui, 'Restore'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes(`"${KEY}" was changed outside the app`));

  expect(codeBlocks(ui).map((text) => JSON.parse(text))).toEqual([{ v: 'outside' }, { v: 1 }]);
  expect(ui.text(modal(ui))).toContain('Nothing was restored');
  expect(app.takeRequests().filter((r) => r.method !== 'GET' && r.method !== 'POST')).toEqual([]);
  expect(app.simulator.store.getProperty(bob, KEY)).toEqual({ v: 'outside' });
  expect(flags.filter((flag) => flag.title === 'Version restored')).toEqual([]);
  const history = await app.invoke<{ entries: unknown[] }>('listHistory', { accountId: bob, key: KEY }, 'admin');
  expect(history.success && history.data.entries).toHaveLength(2);

  // "Edit this version" puts it in the editor, over the stored value: saving it is a deliberate, ordinary save.
  ui.fire(button(ui, 'Edit this version'), 'onClick');
  await ui.waitFor(() => JSON.parse(String(valueArea(ui).props.value)).v === 1);
  expect(app.simulator.store.getProperty(bob, KEY)).toEqual({ v: 'outside' });
  await ui.waitFor(() => button(ui, 'Save').props.isDisabled === false);
  ui.fire(button(ui, 'Save'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect(app.simulator.store.getProperty(bob, KEY)).toEqual({ v: 1 });
});

test('"Reload stored value" after a conflict loads the stored value into the editor and writes nothing', async () => {
  const KEY = 'versions.reloaded';
  await write(KEY, '"one"');
  await write(KEY, '"two"');
  const { ui } = await openEditor(KEY, 'admin', 2);
  // Changed outside the app while the editor is open.
  app.simulator.store.setProperty(bob, KEY, 'three');
  compare(ui, 1);
  ui.fire(button(ui, 'Restore this version'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Restore this version?'));
  ui.fire(button(ui, 'Restore'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes(`"${KEY}" was changed outside the app`));
  expect(codeBlocks(ui)).toEqual(['"three"', '"one"']);
  ui.fire(button(ui, 'Reload stored value'), 'onClick');
  await ui.waitFor(() => valueArea(ui).props.value === '"three"');
  expect(app.simulator.store.getProperty(bob, KEY)).toBe('three');
  expect(ui.text(rowOf(ui, KEY))).toContain('"three"');
});

test('an unconfirmed write is marked, and cannot be restored', async () => {
  const KEY = 'versions.lost';
  await write(KEY, '"sure"');
  // The connection drops after Jira applied the write, every time the client retries.
  app.simulator.faults.add({ kind: 'drop-after', method: 'PUT', pathIncludes: `/${KEY}`, times: 10 });
  const lost = await app.invoke('setProperty', { accountId: bob, key: KEY, json: '"maybe"' }, 'admin');
  expect(lost.success).toBe(false);
  app.simulator.faults.clear();
  const { ui } = await openEditor(KEY, 'admin', 2);
  expect(operations(ui)).toEqual(['UpdatedUnconfirmed', 'Created']);
  compare(ui, 0);
  await ui.waitFor(() => sectionTitles(ui).includes('Unconfirmed write'));
  expect(button(ui, 'Restore this version').props.isDisabled).toBe(true);
});

describe('a delegate', () => {
  const KEY = 'versions.cc.number';
  let delegation: Delegation;
  beforeAll(async () => {
    app.simulator.store.addMember(DEMO_GROUPS.hrManagers.name, DEMO_USERS.alice.accountId);
    const saved = await app.invoke<Delegation>(
      'saveDelegation',
      { delegation: { groupId: DEMO_GROUPS.hrManagers.groupId, groupName: DEMO_GROUPS.hrManagers.name, keys: [{ match: 'prefix', value: 'versions.cc.' }] } },
      'admin',
    );
    if (!saved.success) throw new Error(`saveDelegation failed: ${JSON.stringify(saved)}`);
    delegation = saved.data;
    await write(KEY, '"CC-1"');
    await write(KEY, '"CC-2"', 'alice');
  });

  test('sees the versions of the keys granted; once the grant is gone, no versions, only a short note', async () => {
    const { ui } = await openEditor(KEY, 'alice', 2);
    expect(versionCells(ui).map((cells) => cells[1])).toEqual(['Alice Nguyen', ADMIN_NAME]);
    ui.fire(button(ui, 'Cancel'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);

    const removed = await app.invoke('deleteDelegation', { id: delegation.id }, 'admin');
    expect(removed.success).toBe(true);
    ui.fire(buttonIn(ui, rowOf(ui, KEY), 'Edit'), 'onClick');
    await ui.waitFor(() => ui.text(modal(ui)).includes('Versions are not shown'));
    expect(ui.text(modal(ui))).toContain(`you may not see the history of "${KEY}"`);
    expect(versionsTable(ui)).toBeUndefined();
    expect(hasButton(ui, 'Restore this version')).toBe(false);
    expect(sectionTitles(ui)).not.toContain('Not allowed');
  });
});
