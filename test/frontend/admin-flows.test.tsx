import { openUiKitPage } from '../support/ui-kit-page';
import type { SimStore } from '../../harness/simulator';
import { type ForgeDoc, type NodeBridge } from '../../harness/ui/node-bridge';
import { button, buttonIn, openUser, rowKeys, rowOf, section, sectionTitles } from '../support/admin-ui';
import { DEMO_USERS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

// Every admin flow through the real @forge/react reconciler and the real resolvers (local runtime + simulator).
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => jest.resetModules());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

async function openAdminPage(as: DemoUser = 'admin') {
  return openUiKitPage(app, 'admin', as);
}

const modal = (ui: NodeBridge) => ui.get('Modal');
const valueArea = (ui: NodeBridge) => ui.get('TextArea');

const alice = DEMO_USERS.alice.accountId;
const bob = DEMO_USERS.bob.accountId;

test('picking a user shows who it is and all their properties, sorted, with sizes and known-key marks', async () => {
  const { ui } = await openAdminPage();
  await openUser(ui, 'alice');
  await ui.waitFor(() => ui.text().includes('Alice Nguyen'));
  expect(ui.text()).toContain('Active');
  expect(ui.text()).toContain(alice);
  expect(ui.get('User').props.accountId).toBe(alice);
  expect(rowKeys(ui)).toEqual(app.simulator.store.listKeys(alice));
  expect(ui.get('DynamicTable').props.defaultSortKey).toBe('key');
  expect(ui.text(rowOf(ui, 'navigation_next_ui_state'))).toContain('Used by Jira navigation');
  expect(ui.text(rowOf(ui, 'costCenter'))).toMatch(/9 B · \d+%/);
});

test('an inactive user is marked inactive; a pasted accountId opens the user; a bad one is refused as typed', async () => {
  const { ui } = await openAdminPage();
  await ui.waitFor(() => ui.find('Textfield').length > 0);
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'accountId')[0], 'onChange', 'not/an id');
  await ui.waitFor(() => ui.text().includes('may only contain'));
  expect(button(ui, 'Open').props.isDisabled).toBe(true);
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'accountId')[0], 'onChange', DEMO_USERS.carol.accountId);
  await ui.waitFor(() => button(ui, 'Open').props.isDisabled === false);
  ui.fire(button(ui, 'Open'), 'onClick');
  await ui.waitFor(() => ui.text().includes('Carol Diaz'));
  expect(ui.text()).toContain('Inactive');
});

test('filtering by key narrows the table and says when nothing matches', async () => {
  const { ui } = await openAdminPage();
  await openUser(ui, 'alice');
  const filter = () => ui.find('Textfield', (n) => n.props.name === 'filter')[0];
  ui.fire(filter(), 'onChange', 'COST');
  await ui.waitFor(() => rowKeys(ui).length === 1);
  expect(rowKeys(ui)).toEqual(['costCenter']);
  ui.fire(filter(), 'onChange', 'zzz');
  await ui.waitFor(() => ui.find('EmptyState').length === 1);
  expect(ui.get('EmptyState').props.header).toBe('No matching keys');
});

test('a user without properties gets an empty state', async () => {
  for (const key of app.simulator.store.listKeys(DEMO_USERS.dmitri.accountId)) {
    await app.invoke('deleteProperty', { accountId: DEMO_USERS.dmitri.accountId, key }, 'admin');
  }
  const { ui } = await openAdminPage();
  await openUser(ui, 'dmitri');
  expect(ui.get('EmptyState').props.header).toBe('No properties');
});

test('View shows the value pretty-printed', async () => {
  const { ui } = await openAdminPage();
  await openUser(ui, 'alice');
  ui.fire(buttonIn(ui, rowOf(ui, 'myapp.preferences'), 'View'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  expect(ui.get('CodeBlock').props.text).toBe(JSON.stringify(app.simulator.store.getProperty(alice, 'myapp.preferences'), null, 2));
  expect(ui.get('CodeBlock').props.language).toBe('json');
});

test('Edit: unchanged cannot be saved, invalid JSON shows line and column, the summary lists changes, Save writes', async () => {
  const { ui, flags } = await openAdminPage();
  await openUser(ui, 'alice');
  ui.fire(buttonIn(ui, rowOf(ui, 'onboarding'), 'Edit'), 'onClick');
  await ui.waitFor(() => ui.find('TextArea').length === 1);
  expect(sectionTitles(ui)).toContain('"onboarding" is used by Jira onboarding');
  expect(button(ui, 'Save').props.isDisabled).toBe(true);

  ui.fire(valueArea(ui), 'onChange', '{\n  "completedTours": ["welcome"],\n  "dismissed": tru\n}');
  await ui.waitFor(() => ui.text().includes('Line 3, column'));
  expect(button(ui, 'Save').props.isDisabled).toBe(true);
  expect(button(ui, 'Format').props.isDisabled).toBe(true);

  ui.fire(valueArea(ui), 'onChange', '{"completedTours":["welcome","boards"],"dismissed":true,"theme":"dark"}');
  await ui.waitFor(() => sectionTitles(ui).includes('What will change') && ui.text(section(ui, 'What will change')).includes('Added'));
  const summary = ui.text(section(ui, 'What will change'));
  expect(summary).toContain('Added completedTours[1], theme');
  expect(summary).toContain('Removed step');
  expect(summary).toContain('Changed dismissed');

  ui.fire(button(ui, 'Format'), 'onClick');
  await ui.waitFor(() => String(valueArea(ui).props.value).startsWith('{\n  "completedTours"'));
  ui.fire(button(ui, 'Minify'), 'onClick');
  await ui.waitFor(() => valueArea(ui).props.value === '{"completedTours":["welcome","boards"],"dismissed":true,"theme":"dark"}');

  ui.fire(button(ui, 'Save'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect(app.simulator.store.getProperty(alice, 'onboarding')).toEqual({ completedTours: ['welcome', 'boards'], dismissed: true, theme: 'dark' });
  expect(flags).toEqual([expect.objectContaining({ title: 'Property saved', type: 'success' })]);
});

test('the byte counter follows the limit and a value over it cannot be saved', async () => {
  const { ui } = await openAdminPage();
  await openUser(ui, 'bob');
  ui.fire(buttonIn(ui, rowOf(ui, 'team'), 'Edit'), 'onClick');
  await ui.waitFor(() => ui.find('TextArea').length === 1);
  expect(ui.text(modal(ui))).toContain('9 of 32,768 bytes');
  ui.fire(valueArea(ui), 'onChange', JSON.stringify('x'.repeat(32_767)));
  await ui.waitFor(() => ui.text().includes('Too large by 1 bytes'));
  expect(button(ui, 'Save').props.isDisabled).toBe(true);
  expect(ui.get('ProgressBar').props.value).toBe(1);
});

describe('a value changed by someone else while it is edited', () => {
  async function editWithConcurrentChange() {
    app.simulator.store.setProperty(bob, 'shared.settings', { owner: 'first' });
    const opened = await openAdminPage();
    await openUser(opened.ui, 'bob');
    opened.ui.fire(buttonIn(opened.ui, rowOf(opened.ui, 'shared.settings'), 'Edit'), 'onClick');
    await opened.ui.waitFor(() => opened.ui.find('TextArea').length === 1);
    opened.ui.fire(valueArea(opened.ui), 'onChange', '{"owner":"mine"}');
    await opened.ui.waitFor(() => button(opened.ui, 'Save').props.isDisabled === false);
    app.simulator.store.setProperty(bob, 'shared.settings', { owner: 'theirs' });
    opened.ui.fire(button(opened.ui, 'Save'), 'onClick');
    await opened.ui.waitFor(() => sectionTitles(opened.ui).includes('"shared.settings" changed while you were editing'));
    return opened;
  }

  test('is not overwritten: both versions are shown', async () => {
    const { ui } = await editWithConcurrentChange();
    expect(app.simulator.store.getProperty(bob, 'shared.settings')).toEqual({ owner: 'theirs' });
    const codeBlocks = ui.find('CodeBlock').map((c) => JSON.parse(String(c.props.text)));
    expect(codeBlocks).toEqual([{ owner: 'theirs' }, { owner: 'mine' }]);
    expect(button(ui, 'Save').props.isDisabled).toBe(true);
  });

  test('Reload stored value discards the edit', async () => {
    const { ui } = await editWithConcurrentChange();
    ui.fire(button(ui, 'Reload stored value'), 'onClick');
    await ui.waitFor(() => JSON.parse(String(valueArea(ui).props.value)).owner === 'theirs');
    expect(app.simulator.store.getProperty(bob, 'shared.settings')).toEqual({ owner: 'theirs' });
  });

  test('Overwrite with mine saves deliberately', async () => {
    const { ui } = await editWithConcurrentChange();
    ui.fire(button(ui, 'Overwrite with mine'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);
    expect(app.simulator.store.getProperty(bob, 'shared.settings')).toEqual({ owner: 'mine' });
  });
});

test('Create: the key is checked as typed, an existing key offers to edit it, a new one is created', async () => {
  const { ui, flags } = await openAdminPage();
  await openUser(ui, 'bob');
  ui.fire(button(ui, 'Create property'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  const keyField = () => ui.find('Textfield', (n) => n.props.name === 'key')[0];

  ui.fire(keyField(), 'onChange', 'a..b');
  await ui.waitFor(() => ui.text(modal(ui)).includes('must not contain ".."'));
  expect(button(ui, 'Create').props.isDisabled).toBe(true);

  ui.fire(keyField(), 'onChange', 'k'.repeat(256));
  await ui.waitFor(() => ui.text(modal(ui)).includes('256 characters long'));

  ui.fire(keyField(), 'onChange', 'team');
  await ui.waitFor(() => ui.text(modal(ui)).includes('already has a property "team"'));
  ui.fire(button(ui, 'Edit it instead'), 'onClick');
  await ui.waitFor(() => ui.text(ui.get('ModalTitle')) === 'Edit "team"');
  ui.fire(button(ui, 'Cancel'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);

  ui.fire(button(ui, 'Create property'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  ui.fire(keyField(), 'onChange', 'hr.startDate');
  ui.fire(valueArea(ui), 'onChange', '{"date":"2026-12-01"}');
  await ui.waitFor(() => button(ui, 'Create').props.isDisabled === false);
  ui.fire(button(ui, 'Create'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect(app.simulator.store.getProperty(bob, 'hr.startDate')).toEqual({ date: '2026-12-01' });
  expect(flags.at(-1)).toMatchObject({ title: 'Property created', type: 'success' });
  await ui.waitFor(() => rowKeys(ui).includes('hr.startDate'));
});

test('Delete asks for confirmation naming the key and the user, warns for known keys, then deletes', async () => {
  const { ui, flags } = await openAdminPage();
  await openUser(ui, 'alice');
  ui.fire(buttonIn(ui, rowOf(ui, 'navigation_next_ui_state'), 'Delete'), 'onClick');
  await ui.waitFor(() => ui.text(ui.find('Modal')[0] ?? (ui.doc as ForgeDoc)).includes('Alice Nguyen'));
  const dialog = ui.text(modal(ui));
  expect(dialog).toContain('navigation_next_ui_state');
  expect(dialog).toContain('cannot be undone');
  expect(sectionTitles(ui)).toContain('"navigation_next_ui_state" is used by Jira navigation');
  expect(app.simulator.store.getProperty(alice, 'navigation_next_ui_state')).toBeDefined();

  ui.fire(buttonIn(ui, modal(ui), 'Delete'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect(app.simulator.store.getProperty(alice, 'navigation_next_ui_state')).toBeUndefined();
  expect(flags.at(-1)).toMatchObject({ title: 'Property deleted', type: 'success' });
  await ui.waitFor(() => !rowKeys(ui).includes('navigation_next_ui_state'));
});

test('keys another client planted are listed, marked unusual with what cannot be seen spelled out, viewable and deletable, never editable', async () => {
  app.simulator.store.setProperty(alice, 'cost\u200dCenter', 'planted');
  app.simulator.store.setProperty(alice, '..', 'unaddressable');
  const { ui } = await openAdminPage();
  await openUser(ui, 'alice');
  const row = rowOf(ui, 'cost\\u{200D}Center');
  expect(ui.text(row)).toContain('Unusual key');
  expect(() => buttonIn(ui, row, 'Edit')).toThrow(/no button/);
  expect(ui.text(rowOf(ui, '..'))).toMatch(/Cannot be read: .*cannot address it/);
  expect(() => buttonIn(ui, rowOf(ui, '..'), 'Delete')).toThrow(/no button/);

  ui.fire(buttonIn(ui, row, 'Delete'), 'onClick');
  await ui.waitFor(() => ui.text(ui.find('Modal')[0] ?? (ui.doc as ForgeDoc)).includes('Alice Nguyen'));
  expect(ui.text(modal(ui))).toContain('cost\\u{200D}Center');
  expect(sectionTitles(ui)).toContain('Unusual key');
  ui.fire(buttonIn(ui, modal(ui), 'Delete'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect(app.simulator.store.getProperty(alice, 'cost\u200dCenter')).toBeUndefined();
  (app.simulator.store as SimStore).deleteProperty(alice, '..');
});

test('a user who has not granted access is told to allow it, and Try again recovers', async () => {
  app.runtime.revokeUserGrant(DEMO_USERS.admin.accountId);
  const { ui } = await openAdminPage();
  await ui.waitFor(() => ui.text().includes('Allow access'));
  expect(ui.find('UserPicker')).toEqual([]);
  app.runtime.grantUser(DEMO_USERS.admin.accountId);
  ui.fire(button(ui, 'Try again'), 'onClick');
  await ui.waitFor(() => ui.find('UserPicker').length === 1);
});

test('Export shows the user\'s properties as { accountId: { key: value } } with exact texts, and the flat ones as CSV', async () => {
  app.simulator.store.setProperty(alice, 'export.flag', true);
  const put = await fetch(`${app.simulator.baseUrl}/rest/api/3/user/properties/export.ids?accountId=${alice}`, {
    method: 'PUT',
    headers: { authorization: `Basic ${Buffer.from(`${DEMO_USERS.admin.email}:token`).toString('base64')}`, 'content-type': 'application/json' },
    body: '{"id":12345678901234567890}',
  });
  expect(put.status).toBe(201);
  const { ui } = await openAdminPage();
  await openUser(ui, 'alice');
  await ui.waitFor(() => button(ui, 'Export').props.isDisabled === false);
  ui.fire(button(ui, 'Export'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  const exported = () => String(ui.find('TextArea', (n) => n.props.name === 'propertyExport')[0]?.props.value);
  const json = JSON.parse(exported()) as Record<string, Record<string, unknown>>;
  expect(Object.keys(json)).toEqual([alice]);
  expect(Object.keys(json[alice]!).sort()).toEqual(app.simulator.store.listKeys(alice).sort());
  expect(exported()).toContain('"export.ids": {"id":12345678901234567890}');
  ui.fire(ui.find('Select', (n) => n.props.name === 'propertyExportFormat')[0]!, 'onChange', { label: 'CSV (flat values)', value: 'csv' });
  await ui.waitFor(() => exported().startsWith('accountId,key,json\r\n'));
  expect(exported()).toContain(`${alice},export.flag,true\r\n`);
  expect(exported()).not.toContain('export.ids');
  ui.fire(buttonIn(ui, modal(ui), 'Close'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
});
