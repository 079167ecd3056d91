import { openUiKitPage } from '../support/ui-kit-page';
import { type ForgeDoc, type NodeBridge } from '../../harness/ui/node-bridge';
import { DEMO_GROUPS } from '../../harness/simulator';
import type { AppConfig } from '../../src/shared/contract';
import { button, buttonIn, openTab, openUser, sectionTitles, tabLabels } from '../support/admin-ui';
import { DEMO_USERS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

// The admin page's Preferences and Delegations tabs, and a delegate's view, through the real @forge/react reconciler
// and the real resolvers (local runtime + simulator). Tests share one app, so each cleans up what it creates.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => jest.resetModules());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

function openAdminPage(as: DemoUser = 'admin') {
  return openUiKitPage(app, 'admin', as);
}

async function appConfig(): Promise<AppConfig> {
  const answer = await app.invoke<AppConfig>('getAppConfig', {}, 'admin');
  if (!answer.success) throw new Error(`getAppConfig failed: ${answer.error.message}`);
  return answer.data;
}


const hasButton = (ui: NodeBridge, label: string) => ui.find('Button', (n) => ui.text(n) === label).length > 0;
const modal = (ui: NodeBridge) => ui.get('Modal');
const modalText = (ui: NodeBridge) => ui.text(ui.find('Modal')[0] ?? (ui.doc as ForgeDoc));
const field = (ui: NodeBridge, type: 'Textfield' | 'TextArea' | 'Toggle' | 'Select', name: string) => {
  const node = ui.find(type, (n) => n.props.name === name)[0];
  if (!node) throw new Error(`no ${type} named "${name}"; page text: ${ui.text()}`);
  return node;
};
const type = (ui: NodeBridge, kind: 'Textfield' | 'TextArea', name: string, value: string) => ui.fire(field(ui, kind, name), 'onChange', value);
const rowKeys = (ui: NodeBridge) => ui.find('Row').map((row) => ui.text(row.children[0]).replace(/Used by .*$/, ''));
const rowOf = (ui: NodeBridge, key: string): ForgeDoc => {
  const row = ui.find('Row').find((r) => ui.text(r.children[0]) === key || ui.text(r.children[0]).startsWith(`${key}Used by`));
  if (!row) throw new Error(`no row ${key}; rows: ${rowKeys(ui).join(', ')}`);
  return row;
};
const nodesIn = (type: string) => (ui: NodeBridge, node: ForgeDoc) => {
  const out: string[] = [];
  const walk = (n: ForgeDoc) => {
    if (n.type === type) out.push(ui.text(n));
    n.children.forEach(walk);
  };
  walk(node);
  return out;
};
const lozengesIn = nodesIn('Lozenge');
// Key rules are shown as code (a Lozenge would capitalise case-sensitive keys).
const keyRulesIn = nodesIn('Code');
const bob = DEMO_USERS.bob.accountId;

describe('Preferences tab', () => {
  test('the admin page has Users, Preferences, Delegations, All users and History tabs, Users first', async () => {
    const { ui } = openAdminPage();
    await ui.waitFor(() => ui.find('UserPicker').length > 0);
    expect(tabLabels(ui)).toEqual(['Users', 'Preferences', 'Delegations', 'All users', 'History', 'Bulk changes']);
    await openTab(ui, 'Preferences');
    expect(ui.find('UserPicker')).toEqual([]);
    expect(ui.get('EmptyState').props.header).toBe('No preferences defined');
  });

  test('an admin creates a preference from a template, edits it, then deletes it', async () => {
    const { ui, flags } = openAdminPage();
    await openTab(ui, 'Preferences');
    ui.fire(button(ui, 'New preference'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 1);
    expect(ui.text(ui.get('ModalTitle'))).toBe('New preference');

    // The key is checked as typed, with the property editor's rules.
    type(ui, 'Textfield', 'key', 'ui..density');
    await ui.waitFor(() => modalText(ui).includes('must not contain ".."'));
    expect(button(ui, 'Create').props.isDisabled).toBe(true);
    type(ui, 'Textfield', 'key', 'ui.density');
    type(ui, 'Textfield', 'title', 'Density');
    type(ui, 'TextArea', 'description', 'How much fits on a screen.');
    ui.fire(button(ui, 'Choice list'), 'onClick');
    await ui.waitFor(() => JSON.parse(String(field(ui, 'TextArea', 'defaultValue').props.value)) === 'comfortable');
    expect(JSON.parse(String(field(ui, 'TextArea', 'schema').props.value))).toEqual({ type: 'string', enum: ['compact', 'comfortable', 'spacious'] });
    expect(field(ui, 'Toggle', 'userEditable').props.isChecked).toBe(true);
    await ui.waitFor(() => button(ui, 'Create').props.isDisabled === false);
    ui.fire(button(ui, 'Create'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);
    expect(flags.at(-1)).toMatchObject({ title: 'Preference created', type: 'success' });
    expect((await appConfig()).definitions).toEqual([
      {
        key: 'ui.density',
        title: 'Density',
        description: 'How much fits on a screen.',
        schema: { type: 'string', enum: ['compact', 'comfortable', 'spacious'] },
        defaultValue: 'comfortable',
        userEditable: true,
      },
    ]);
    await ui.waitFor(() => rowKeys(ui).includes('ui.density'));
    const row = ui.text(rowOf(ui, 'ui.density'));
    expect(row).toContain('Density');
    expect(row).toContain('one of compact, comfortable, spacious');
    expect(lozengesIn(ui, rowOf(ui, 'ui.density'))).toEqual(['Editable']);

    // A key already defined offers to edit that definition instead.
    ui.fire(button(ui, 'New preference'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 1);
    type(ui, 'Textfield', 'key', 'ui.density');
    await ui.waitFor(() => modalText(ui).includes('A preference "ui.density" is already defined.'));
    ui.fire(button(ui, 'Edit it instead'), 'onClick');
    await ui.waitFor(() => ui.text(ui.get('ModalTitle')) === 'Edit preference "ui.density"');
    expect(ui.find('Textfield', (n) => n.props.name === 'key')).toEqual([]);

    type(ui, 'Textfield', 'title', 'Row density');
    ui.fire(field(ui, 'Toggle', 'userEditable'), 'onChange');
    await ui.waitFor(() => field(ui, 'Toggle', 'userEditable').props.isChecked === false);
    ui.fire(button(ui, 'Save'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);
    expect(flags.at(-1)).toMatchObject({ title: 'Preference saved', type: 'success' });
    expect((await appConfig()).definitions).toEqual([expect.objectContaining({ key: 'ui.density', title: 'Row density', userEditable: false })]);
    await ui.waitFor(() => ui.find('Row').length === 1 && ui.text(rowOf(ui, 'ui.density')).includes('Row density'));
    expect(lozengesIn(ui, rowOf(ui, 'ui.density'))).toEqual(['Read only']);

    ui.fire(buttonIn(ui, rowOf(ui, 'ui.density'), 'Delete'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 1);
    expect(ui.text(ui.get('ModalTitle'))).toBe('Delete the preference "ui.density"?');
    expect(modalText(ui)).toContain('Values users have already stored under this key are kept.');
    ui.fire(buttonIn(ui, modal(ui), 'Delete'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);
    expect(flags.at(-1)).toMatchObject({ title: 'Preference deleted', type: 'success' });
    expect((await appConfig()).definitions).toEqual([]);
    await ui.waitFor(() => ui.find('EmptyState').length === 1);
  });

  test('a schema that is not an object, one that does not compile, and a default that breaks it are caught as typed', async () => {
    const { ui } = openAdminPage();
    await openTab(ui, 'Preferences');
    ui.fire(button(ui, 'New preference'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 1);
    type(ui, 'Textfield', 'key', 'ui.zoom');
    type(ui, 'Textfield', 'title', 'Zoom');

    type(ui, 'TextArea', 'schema', '[1, 2]');
    await ui.waitFor(() => modalText(ui).includes('A schema is a JSON object'));
    expect(button(ui, 'Create').props.isDisabled).toBe(true);
    type(ui, 'TextArea', 'defaultValue', 'tru');
    await ui.waitFor(() => modalText(ui).includes('Line 1, column 1'));

    // Both parse, but the schema does not compile: the page's ajv (the resolver's settings) says why, Create waits.
    type(ui, 'TextArea', 'schema', '{"type": "number", "minimum": "one"}');
    type(ui, 'TextArea', 'defaultValue', '0');
    await ui.waitFor(() => modalText(ui).includes('The schema cannot be used: schema is invalid: data/minimum must be number'));
    expect(button(ui, 'Create').props.isDisabled).toBe(true);

    // A valid schema, but the default breaks it: said at the value, and nothing is sent.
    type(ui, 'TextArea', 'schema', '{"type": "number", "minimum": 1}');
    await ui.waitFor(() => modalText(ui).includes('Line 1, column 1: Must be at least 1.'));
    expect(button(ui, 'Create').props.isDisabled).toBe(true);
    expect((await appConfig()).definitions).toEqual([]);

    // The settings hold JavaScript values: a number a double would round is refused, not rounded.
    type(ui, 'TextArea', 'defaultValue', '12345678901234567890');
    await ui.waitFor(() => modalText(ui).includes('The default holds 12345678901234567890, which the app\'s settings cannot keep exactly'));
    expect(button(ui, 'Create').props.isDisabled).toBe(true);
    type(ui, 'TextArea', 'schema', '{"type": "number", "maximum": 0.1000000000000000055511151231257827}');
    type(ui, 'TextArea', 'defaultValue', '0.05');
    await ui.waitFor(() => modalText(ui).includes('The schema holds 0.1000000000000000055511151231257827'));
    expect(button(ui, 'Create').props.isDisabled).toBe(true);
    type(ui, 'TextArea', 'schema', '{"type": "number", "minimum": 1}');

    type(ui, 'TextArea', 'defaultValue', '1.5');
    await ui.waitFor(() => button(ui, 'Create').props.isDisabled === false);
    ui.fire(button(ui, 'Create'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);
    expect((await appConfig()).definitions).toEqual([expect.objectContaining({ key: 'ui.zoom', schema: { type: 'number', minimum: 1 }, defaultValue: 1.5 })]);
    await app.invoke('deleteDefinition', { key: 'ui.zoom' }, 'admin');
  });

  test('the title is required and limited as typed', async () => {
    const { ui } = openAdminPage();
    await openTab(ui, 'Preferences');
    ui.fire(button(ui, 'New preference'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 1);
    type(ui, 'Textfield', 'key', 'ui.title');
    await ui.waitFor(() => modalText(ui).includes('8 of 255 characters'));
    expect(button(ui, 'Create').props.isDisabled).toBe(true);
    type(ui, 'Textfield', 'title', 't'.repeat(101));
    await ui.waitFor(() => modalText(ui).includes('The title is 101 characters long; at most 100.'));
    expect(button(ui, 'Create').props.isDisabled).toBe(true);
    type(ui, 'Textfield', 'title', 'Fine');
    await ui.waitFor(() => button(ui, 'Create').props.isDisabled === false);
  });

  test('the raw-editing switch is saved and survives a reload', async () => {
    expect((await appConfig()).allowRawEditing).toBe(false);
    const { ui, flags } = openAdminPage();
    await openTab(ui, 'Preferences');
    const toggle = () => field(ui, 'Toggle', 'allowRawEditing');
    expect(toggle().props.isChecked).toBe(false);
    ui.fire(toggle(), 'onChange');
    await ui.waitFor(() => toggle().props.isChecked === true);
    expect(flags.at(-1)).toMatchObject({ title: 'Raw JSON editing is on', type: 'success' });
    expect((await appConfig()).allowRawEditing).toBe(true);

    const again = openAdminPage();
    await openTab(again.ui, 'Preferences');
    expect(field(again.ui, 'Toggle', 'allowRawEditing').props.isChecked).toBe(true);
    again.ui.fire(field(again.ui, 'Toggle', 'allowRawEditing'), 'onChange');
    await again.ui.waitFor(() => field(again.ui, 'Toggle', 'allowRawEditing').props.isChecked === false);
    expect((await appConfig()).allowRawEditing).toBe(false);
  });
});

describe('Delegations tab and the delegate view', () => {
  test('an admin delegates costCenter and hr.* to hr-managers; alice manages only those keys on bob; removing it takes her access away', async () => {
    app.simulator.store.setProperty(bob, 'hr.level', 'L3');

    // The admin creates the delegation.
    const admin = openAdminPage();
    let ui = admin.ui;
    await openTab(ui, 'Delegations');
    expect(ui.get('EmptyState').props.header).toBe('No delegations');
    ui.fire(button(ui, 'New delegation'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 1);
    expect(button(ui, 'Save').props.isDisabled).toBe(true);

    type(ui, 'Textfield', 'groupQuery', 'hr-man');
    await ui.waitFor(() => hasButton(ui, 'hr-managers'));
    ui.fire(button(ui, 'hr-managers'), 'onClick');
    await ui.waitFor(() => modalText(ui).includes('Group hr-managers'));
    expect(button(ui, 'Save').props.isDisabled).toBe(true); // no key yet

    type(ui, 'Textfield', 'rule-0', 'costCenter');
    ui.fire(button(ui, 'Add key rule'), 'onClick');
    await ui.waitFor(() => ui.find('Textfield', (n) => n.props.name === 'rule-1').length === 1);
    ui.fire(field(ui, 'Select', 'match-1'), 'onChange', { label: 'Starts with', value: 'prefix' });
    type(ui, 'Textfield', 'rule-1', 'hr.');
    await ui.waitFor(() => keyRulesIn(ui, modal(ui)).includes('hr.*'));
    expect(keyRulesIn(ui, modal(ui))).toEqual(['costCenter', 'hr.*']);

    // An empty or repeated rule blocks Save until it is removed.
    ui.fire(button(ui, 'Add key rule'), 'onClick');
    await ui.waitFor(() => ui.find('Textfield', (n) => n.props.name === 'rule-2').length === 1);
    expect(button(ui, 'Save').props.isDisabled).toBe(true);
    type(ui, 'Textfield', 'rule-2', 'costCenter');
    await ui.waitFor(() => modalText(ui).includes('This rule is already listed.'));
    expect(button(ui, 'Save').props.isDisabled).toBe(true);
    const removeButtons = () => ui.find('Button', (n) => ui.text(n) === 'Remove');
    ui.fire(removeButtons()[2], 'onClick');
    await ui.waitFor(() => removeButtons().length === 2 && button(ui, 'Save').props.isDisabled === false);

    ui.fire(button(ui, 'Save'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);
    expect(admin.flags.at(-1)).toMatchObject({ title: 'Delegation saved', type: 'success' });
    const { delegations } = await appConfig();
    expect(delegations).toEqual([
      {
        id: expect.any(String),
        groupId: DEMO_GROUPS.hrManagers.groupId,
        groupName: 'hr-managers',
        keys: [
          { match: 'exact', value: 'costCenter' },
          { match: 'prefix', value: 'hr.' },
        ],
      },
    ]);
    await ui.waitFor(() => rowKeys(ui).includes('hr-managers'));
    expect(keyRulesIn(ui, rowOf(ui, 'hr-managers'))).toEqual(['costCenter', 'hr.*']);

    // Alice, a member of hr-managers, sees only the Users tab and only those keys on bob.
    const alice = openAdminPage('alice');
    ui = alice.ui;
    await ui.waitFor(() => ui.text().includes('You can manage these keys on any user: costCenter, hr.*'));
    expect(tabLabels(ui)).toEqual(['Users', 'Bulk changes']);
    expect(sectionTitles(ui)).not.toContain('Administer Jira needed');
    await openUser(ui, 'bob');
    await ui.waitFor(() => ui.text().includes('Bob Martin') && ui.find('Row').length > 0);
    expect(rowKeys(ui)).toEqual(['costCenter', 'hr.level']);

    ui.fire(buttonIn(ui, rowOf(ui, 'costCenter'), 'Edit'), 'onClick');
    await ui.waitFor(() => ui.find('TextArea').length === 1);
    type(ui, 'TextArea', 'value', '"CC-9001"');
    await ui.waitFor(() => button(ui, 'Save').props.isDisabled === false);
    ui.fire(button(ui, 'Save'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);
    expect(app.simulator.store.getProperty(bob, 'costCenter')).toBe('CC-9001');
    expect(alice.flags.at(-1)).toMatchObject({ title: 'Property saved', type: 'success' });
    await ui.waitFor(() => ui.find('Row').length > 0);

    // Creating: the key field says which keys are allowed and blocks the others before any call.
    ui.fire(button(ui, 'Create property'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 1);
    expect(modalText(ui)).toContain('You can create these keys: costCenter, hr.*.');
    type(ui, 'Textfield', 'key', 'team');
    await ui.waitFor(() => modalText(ui).includes('You can only manage these keys: costCenter, hr.*.'));
    expect(button(ui, 'Create').props.isDisabled).toBe(true);
    expect(app.simulator.store.getProperty(bob, 'team')).toBe('Support');
    type(ui, 'Textfield', 'key', 'hr.startDate');
    type(ui, 'TextArea', 'value', '"2026-12-01"');
    await ui.waitFor(() => button(ui, 'Create').props.isDisabled === false);
    ui.fire(button(ui, 'Create'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);
    expect(app.simulator.store.getProperty(bob, 'hr.startDate')).toBe('2026-12-01');
    await ui.waitFor(() => rowKeys(ui).includes('hr.startDate'));
    expect(rowKeys(ui)).toEqual(['costCenter', 'hr.level', 'hr.startDate']);

    // The admin removes the delegation, with a confirmation.
    const again = openAdminPage();
    ui = again.ui;
    await openTab(ui, 'Delegations');
    ui.fire(buttonIn(ui, rowOf(ui, 'hr-managers'), 'Delete'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 1);
    expect(ui.text(ui.get('ModalTitle'))).toBe('Delete the delegation for hr-managers?');
    expect(modalText(ui)).toContain('costCenter, hr.*');
    ui.fire(buttonIn(ui, modal(ui), 'Delete'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);
    expect(again.flags.at(-1)).toMatchObject({ title: 'Delegation deleted', type: 'success' });
    expect((await appConfig()).delegations).toEqual([]);
    await ui.waitFor(() => ui.find('EmptyState').length === 1);

    // On reload alice is back to the plain refusal, with no data.
    ui = openAdminPage('alice').ui;
    await ui.waitFor(() => sectionTitles(ui).includes('Administer Jira needed'));
    expect(ui.find('UserPicker')).toEqual([]);
    expect(ui.find('Tabs')).toEqual([]);

    await app.invoke('deleteProperty', { accountId: bob, key: 'hr.level' }, 'admin');
    await app.invoke('deleteProperty', { accountId: bob, key: 'hr.startDate' }, 'admin');
    app.simulator.store.setProperty(bob, 'costCenter', 'CC-2207');
  });

  test('Edit changes a delegation\'s keys in place', async () => {
    const created = await app.invoke<{ id: string }>(
      'saveDelegation',
      { delegation: { groupId: DEMO_GROUPS.teamLeads.groupId, groupName: 'team-leads', keys: [{ match: 'exact', value: 'team' }] } },
      'admin',
    );
    if (!created.success) throw new Error(created.error.message);
    const { ui } = openAdminPage();
    await openTab(ui, 'Delegations');
    ui.fire(buttonIn(ui, rowOf(ui, 'team-leads'), 'Edit'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 1);
    expect(ui.text(ui.get('ModalTitle'))).toBe('Edit delegation for team-leads');
    expect(modalText(ui)).toContain('Group team-leads');
    expect(field(ui, 'Textfield', 'rule-0').props.value).toBe('team');
    ui.fire(field(ui, 'Select', 'match-0'), 'onChange', { label: 'Starts with', value: 'prefix' });
    type(ui, 'Textfield', 'rule-0', 'team.');
    await ui.waitFor(() => keyRulesIn(ui, modal(ui)).includes('team.*'));
    ui.fire(button(ui, 'Save'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 0);
    expect((await appConfig()).delegations).toEqual([
      { id: created.data.id, groupId: DEMO_GROUPS.teamLeads.groupId, groupName: 'team-leads', keys: [{ match: 'prefix', value: 'team.' }] },
    ]);
    // The tab reloads after the save: the row is gone for a moment, then back with the new rule.
    await ui.waitFor(() => rowKeys(ui).includes('team-leads') && keyRulesIn(ui, rowOf(ui, 'team-leads')).includes('team.*'));
    await app.invoke('deleteDelegation', { id: created.data.id }, 'admin');
  });

  test('a group search that finds nothing says so', async () => {
    const { ui } = openAdminPage();
    await openTab(ui, 'Delegations');
    ui.fire(button(ui, 'New delegation'), 'onClick');
    await ui.waitFor(() => ui.find('Modal').length === 1);
    type(ui, 'Textfield', 'groupQuery', 'no-such-group');
    await ui.waitFor(() => modalText(ui).includes('No group matches "no-such-group".'));
  });

  test('a delegate cannot open the configuration resolvers', async () => {
    const created = await app.invoke<{ id: string }>(
      'saveDelegation',
      { delegation: { groupId: DEMO_GROUPS.hrManagers.groupId, groupName: 'hr-managers', keys: [{ match: 'exact', value: 'costCenter' }] } },
      'admin',
    );
    if (!created.success) throw new Error(created.error.message);
    const answer = await app.invoke('getAppConfig', {}, 'alice');
    expect(answer).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
    await app.invoke('deleteDelegation', { id: created.data.id }, 'admin');
  });
});
