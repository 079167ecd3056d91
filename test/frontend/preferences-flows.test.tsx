import { openUiKitPage } from '../support/ui-kit-page';
import { serialisableEvent, type ForgeDoc, type NodeBridge } from '../../harness/ui/node-bridge';
import type { SimStore } from '../../harness/simulator';
import type { PreferenceDefinition } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

// My preferences through the real @forge/react reconciler and the real resolvers (local runtime + simulator).
// Tests share one app; each seeds the stored values it relies on.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => jest.resetModules());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const HHMM = '^([01]\\d|2[0-3]):[0-5]\\d$';

const DEFINITIONS: PreferenceDefinition[] = [
  {
    key: 'ui.theme',
    title: 'Theme',
    description: 'How Jira looks for you.',
    schema: { enum: ['light', 'dark', 'auto'] },
    defaultValue: 'auto',
    userEditable: true,
  },
  {
    key: 'notifications',
    title: 'Notifications',
    description: 'What we send you, and when not to.',
    schema: {
      type: 'object',
      required: ['email'],
      additionalProperties: false,
      properties: {
        email: { type: 'boolean', title: 'Email me' },
        digest: { enum: ['daily', 'weekly'] },
        quietHours: {
          type: 'object',
          required: ['start', 'end'],
          properties: { start: { type: 'string', pattern: HHMM }, end: { type: 'string', pattern: HHMM } },
        },
      },
    },
    defaultValue: { email: true, digest: 'daily' },
    userEditable: true,
  },
  {
    key: 'pageSize',
    title: 'Page size',
    description: 'Issues per page.',
    schema: { type: 'integer', minimum: 10, maximum: 100 },
    defaultValue: 25,
    userEditable: true,
  },
  {
    key: 'costCenter',
    title: 'Cost center',
    description: 'Set by finance.',
    schema: { type: 'string', maxLength: 20 },
    defaultValue: 'CC-0000',
    userEditable: false,
  },
];

function openPreferences(as: DemoUser) {
  return openUiKitPage(app, 'preferences', as);
}

async function openLoaded(as: DemoUser) {
  const opened = openPreferences(as);
  await opened.ui.waitFor(() => opened.ui.find('Heading', (h) => opened.ui.text(h) === 'My preferences').length === 1);
  return opened;
}

const within = (ui: NodeBridge, node: ForgeDoc, type: string, predicate: (n: ForgeDoc) => boolean = () => true): ForgeDoc[] => {
  const out: ForgeDoc[] = [];
  const walk = (n: ForgeDoc) => {
    if (n.type === type && predicate(n)) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
};
/** A preference's card: the Box whose heading is the title (or, for other keys, whose text starts with the key). */
const card = (ui: NodeBridge, title: string): ForgeDoc => {
  const found = ui.find(
    'Box',
    (box) => within(ui, box, 'Heading', (h) => ui.text(h) === title).length > 0 || ui.text(within(ui, box, 'Text')[0] ?? box).startsWith(`${title}:`),
  );
  const innermost = found.at(-1);
  if (!innermost) throw new Error(`no card "${title}"; page text: ${ui.text()}`);
  return innermost;
};
const buttonIn = (ui: NodeBridge, node: ForgeDoc, label: string) => {
  const found = within(ui, node, 'Button', (n) => ui.text(n) === label).concat(within(ui, node, 'LoadingButton', (n) => ui.text(n) === label));
  if (!found[0]) throw new Error(`no button "${label}" in ${ui.text(node)}`);
  return found[0];
};
const hasButton = (ui: NodeBridge, node: ForgeDoc, label: string) => within(ui, node, 'Button', (n) => ui.text(n) === label).length + within(ui, node, 'LoadingButton', (n) => ui.text(n) === label).length > 0;
const field = (ui: NodeBridge, type: string, name: string): ForgeDoc => {
  const node = ui.find(type, (n) => n.props.name === name)[0];
  if (!node) throw new Error(`no ${type} named "${name}"; page text: ${ui.text()}`);
  return node;
};
const lozenges = (ui: NodeBridge, node: ForgeDoc) => within(ui, node, 'Lozenge').map((l) => ui.text(l));
const selected = (ui: NodeBridge, name: string) => (field(ui, 'Select', name).props.value as { label: string } | null)?.label;
const pick = (ui: NodeBridge, name: string, label: string) => {
  const select = field(ui, 'Select', name);
  const option = (select.props.options as Array<{ label: string; value: string }>).find((o) => o.label === label);
  if (!option) throw new Error(`no option ${label} in ${name}`);
  ui.fire(select, 'onChange', option);
};
const toggle = (ui: NodeBridge, name: string, checked: boolean) => ui.fire(field(ui, 'Toggle', name), 'onChange', serialisableEvent('change', { checked, name }));
const type = (ui: NodeBridge, name: string, value: string, kind = 'Textfield') => ui.fire(field(ui, kind, name), 'onChange', value);
const save = (ui: NodeBridge, title: string) => buttonIn(ui, card(ui, title), 'Save');
const sectionTitles = (ui: NodeBridge) => ui.find('SectionMessage').map((n) => String(n.props.title));
const errorsIn = (ui: NodeBridge, node: ForgeDoc) => within(ui, node, 'ErrorMessage').map((e) => ui.text(e));
const invokes = (ui: NodeBridge) => ui.commands.filter((c) => c === 'invoke').length;

const alice = DEMO_USERS.alice.accountId;

/** Removes stored values, as the admin, so a test starts from the defaults. */
async function forget(accountId: string, ...keys: string[]) {
  for (const key of keys) {
    if (app.simulator.store.getProperty(accountId, key) !== undefined) await app.invoke('deleteProperty', { accountId, key }, 'admin');
  }
}
const bob = DEMO_USERS.bob.accountId;
const dmitri = DEMO_USERS.dmitri.accountId;

// Before any definition exists.
test('with nothing defined and nothing stored, an empty state', async () => {
  for (const key of app.simulator.store.listKeys(dmitri)) {
    await app.invoke('deleteProperty', { accountId: dmitri, key }, 'admin');
  }
  const { ui } = openPreferences('dmitri');
  expect(ui.find('Spinner')).toHaveLength(1);
  await ui.waitFor(() => ui.find('EmptyState').length === 1);
  expect(ui.get('EmptyState').props.header).toBe('Nothing to set yet');
});

test('a user who has not granted access is told to allow it, and Try again recovers', async () => {
  app.runtime.revokeUserGrant(bob);
  const { ui } = openPreferences('bob');
  await ui.waitFor(() => sectionTitles(ui).includes('Allow access'));
  expect(ui.text()).toContain('Allow it, then try again');
  app.runtime.grantUser(bob);
  ui.fire(buttonIn(ui, ui.doc as ForgeDoc, 'Try again'), 'onClick');
  await ui.waitFor(() => ui.text().includes('team: '));
});

describe('with preferences defined by the admin', () => {
  beforeAll(async () => {
    for (const definition of DEFINITIONS) {
      const answer = await app.invoke('saveDefinition', { definition }, 'admin');
      if (!answer.success) throw new Error(`saveDefinition ${definition.key}: ${answer.error.message}`);
    }
  });

  test('every preference shows with its default; the one the admin manages is read-only', async () => {
    await forget(alice, 'ui.theme', 'notifications', 'pageSize');
    const { ui } = await openLoaded('alice');
    const titles = ui.find('Heading', (h) => h.props.as === 'h3').map((h) => ui.text(h));
    expect(titles).toEqual(['Cost center', 'Notifications', 'Page size', 'Theme']);

    expect(selected(ui, 'ui.theme')).toBe('auto');
    expect(field(ui, 'Textfield', 'pageSize').props).toMatchObject({ value: '25', type: 'number', min: 10, max: 100 });
    expect(field(ui, 'Toggle', 'notifications/email').props.isChecked).toBe(true);
    expect(selected(ui, 'notifications/digest')).toBe('daily');
    expect(field(ui, 'Textfield', 'notifications/quietHours/start').props.value).toBe('');
    expect(ui.find('Heading', (h) => ui.text(h) === 'Quiet hours')).toHaveLength(1);
    for (const title of ['Theme', 'Notifications', 'Page size']) {
      expect(lozenges(ui, card(ui, title))).toEqual(['Default']);
      expect(save(ui, title).props.isDisabled).toBe(true);
      expect(hasButton(ui, card(ui, title), 'Reset to default')).toBe(false);
    }
    expect(ui.text(card(ui, 'Page size'))).toContain('A whole number from 10 to 100.');

    // Alice has a cost center stored; only her admin may change it.
    const costCenter = card(ui, 'Cost center');
    expect(lozenges(ui, costCenter)).toEqual(['Custom', 'Read only']);
    expect(ui.text(costCenter)).toContain('Managed by your Jira admin');
    expect(field(ui, 'Textfield', 'costCenter').props).toMatchObject({ value: 'CC-4102', isDisabled: true });
    expect(hasButton(ui, costCenter, 'Save')).toBe(false);
    expect(hasButton(ui, costCenter, 'Reset to default')).toBe(false);
    // The server refuses it too, whatever the page shows.
    const refused = await app.invoke('setProperty', { key: 'costCenter', json: '"CC-1"' }, 'alice', MODULE_KEYS.personalSettings);
    expect(refused).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  });

  test('editing a choice, a toggle and a number saves each value, with a flag', async () => {
    await forget(alice, 'ui.theme', 'notifications', 'pageSize');
    const { ui, flags } = await openLoaded('alice');

    pick(ui, 'ui.theme', 'dark');
    await ui.waitFor(() => save(ui, 'Theme').props.isDisabled === false);
    ui.fire(save(ui, 'Theme'), 'onClick');
    await ui.waitFor(() => lozenges(ui, card(ui, 'Theme')).includes('Custom'));
    expect(app.simulator.store.getProperty(alice, 'ui.theme')).toBe('dark');
    expect(flags.at(-1)).toMatchObject({ title: 'Preference saved', type: 'success' });
    expect(save(ui, 'Theme').props.isDisabled).toBe(true);
    expect(hasButton(ui, card(ui, 'Theme'), 'Reset to default')).toBe(true);

    toggle(ui, 'notifications/email', false);
    pick(ui, 'notifications/digest', 'weekly');
    await ui.waitFor(() => save(ui, 'Notifications').props.isDisabled === false);
    expect(field(ui, 'Toggle', 'notifications/email').props.isChecked).toBe(false);
    ui.fire(save(ui, 'Notifications'), 'onClick');
    await ui.waitFor(() => lozenges(ui, card(ui, 'Notifications')).includes('Custom'));
    expect(app.simulator.store.getProperty(alice, 'notifications')).toEqual({ email: false, digest: 'weekly' });

    type(ui, 'pageSize', '50');
    await ui.waitFor(() => save(ui, 'Page size').props.isDisabled === false);
    ui.fire(save(ui, 'Page size'), 'onClick');
    await ui.waitFor(() => lozenges(ui, card(ui, 'Page size')).includes('Custom'));
    expect(app.simulator.store.getProperty(alice, 'pageSize')).toBe(50);
    expect(flags.filter((f) => f.title === 'Preference saved')).toHaveLength(3);

    // Reopened, the page shows what was saved.
    const reopened = await openLoaded('alice');
    expect(selected(reopened.ui, 'ui.theme')).toBe('dark');
    expect(field(reopened.ui, 'Textfield', 'pageSize').props.value).toBe('50');
    expect(field(reopened.ui, 'Toggle', 'notifications/email').props.isChecked).toBe(false);
  });

  test('an invalid number is refused in the browser: the error shows, Save is disabled, nothing is sent', async () => {
    await forget(alice, 'pageSize');
    const { ui } = await openLoaded('alice');
    const pageSize = () => card(ui, 'Page size');

    type(ui, 'pageSize', '500');
    await ui.waitFor(() => errorsIn(ui, pageSize()).includes('Must be at most 100.'));
    expect(field(ui, 'Textfield', 'pageSize').props.isInvalid).toBe(true);
    expect(save(ui, 'Page size').props.isDisabled).toBe(true);

    type(ui, 'pageSize', '12.5');
    await ui.waitFor(() => errorsIn(ui, pageSize()).join() === 'Enter a whole number.');
    type(ui, 'pageSize', '5');
    await ui.waitFor(() => errorsIn(ui, pageSize()).join() === 'Must be at least 10.');

    const before = invokes(ui);
    app.takeRequests();
    ui.fire(save(ui, 'Page size'), 'onClick'); // a host would not even call it; the page must not send anyway
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(invokes(ui)).toBe(before);
    expect(app.takeRequests().filter((r) => r.method !== 'GET')).toEqual([]);
    expect(app.simulator.store.getProperty(alice, 'pageSize')).toBeUndefined();

    type(ui, 'pageSize', '25');
    await ui.waitFor(() => errorsIn(ui, pageSize()).length === 0);
    expect(save(ui, 'Page size').props.isDisabled).toBe(true); // back to what is shown: nothing to save
    ui.fire(buttonIn(ui, pageSize(), 'Discard changes'), 'onClick');
  });

  test('nested fields: a bad time is shown at its field, a good one is saved inside the object', async () => {
    app.simulator.store.setProperty(alice, 'notifications', { email: true });
    const { ui } = await openLoaded('alice');
    type(ui, 'notifications/quietHours/start', '25:00');
    await ui.waitFor(() => errorsIn(ui, card(ui, 'Notifications')).length > 0);
    expect(errorsIn(ui, card(ui, 'Notifications'))).toEqual([`Must match the pattern ${HHMM}.`, `Must match the pattern ${HHMM}.`]);
    expect(field(ui, 'Textfield', 'notifications/quietHours/start').props.isInvalid).toBe(true);
    // The other required time is still empty: it is flagged too.
    expect(field(ui, 'Textfield', 'notifications/quietHours/end').props.isInvalid).toBe(true);
    expect(save(ui, 'Notifications').props.isDisabled).toBe(true);

    type(ui, 'notifications/quietHours/start', '22:00');
    type(ui, 'notifications/quietHours/end', '07:30');
    await ui.waitFor(() => save(ui, 'Notifications').props.isDisabled === false);
    ui.fire(save(ui, 'Notifications'), 'onClick');
    await ui.waitFor(() => save(ui, 'Notifications').props.isDisabled === true);
    expect(errorsIn(ui, card(ui, 'Notifications'))).toEqual([]);
    await ui.waitFor(() => (app.simulator.store.getProperty(alice, 'notifications') as { quietHours?: unknown }).quietHours !== undefined);
    expect(app.simulator.store.getProperty(alice, 'notifications')).toEqual({ email: true, quietHours: { start: '22:00', end: '07:30' } });
  });

  test('Reset to default asks first, then deletes the stored value', async () => {
    app.simulator.store.setProperty(alice, 'pageSize', 50);
    const { ui, flags } = await openLoaded('alice');
    expect(field(ui, 'Textfield', 'pageSize').props.value).toBe('50');
    expect(ui.text(card(ui, 'Page size'))).toContain('Default: 25');

    ui.fire(buttonIn(ui, card(ui, 'Page size'), 'Reset to default'), 'onClick');
    await ui.waitFor(() => sectionTitles(ui).includes('Reset "Page size" to its default?'));
    ui.fire(buttonIn(ui, card(ui, 'Page size'), 'Cancel'), 'onClick');
    await ui.waitFor(() => !sectionTitles(ui).some((t) => t.startsWith('Reset')));
    expect(app.simulator.store.getProperty(alice, 'pageSize')).toBe(50);

    ui.fire(buttonIn(ui, card(ui, 'Page size'), 'Reset to default'), 'onClick');
    await ui.waitFor(() => sectionTitles(ui).includes('Reset "Page size" to its default?'));
    ui.fire(buttonIn(ui, card(ui, 'Page size'), 'Reset'), 'onClick');
    await ui.waitFor(() => lozenges(ui, card(ui, 'Page size')).includes('Default'));
    expect(app.simulator.store.getProperty(alice, 'pageSize')).toBeUndefined();
    expect(field(ui, 'Textfield', 'pageSize').props.value).toBe('25');
    expect(hasButton(ui, card(ui, 'Page size'), 'Reset to default')).toBe(false);
    expect(flags.at(-1)).toMatchObject({ title: 'Reset to default', type: 'success' });
  });

  test('a stored value the form cannot show is edited as JSON, checked against the schema', async () => {
    app.simulator.store.setProperty(alice, 'ui.theme', 'purple');
    const { ui } = await openLoaded('alice');
    const area = () => field(ui, 'TextArea', 'ui.theme');
    expect(area().props.value).toBe('"purple"');
    expect(ui.text(card(ui, 'Theme'))).toContain('does not fit this field');
    expect(ui.text(card(ui, 'Theme'))).toContain('Must be one of: light, dark, auto.');
    ui.fire(area(), 'onChange', '"light"');
    await ui.waitFor(() => save(ui, 'Theme').props.isDisabled === false);
    ui.fire(save(ui, 'Theme'), 'onClick');
    await ui.waitFor(() => ui.find('Select', (n) => n.props.name === 'ui.theme').length === 1);
    expect(app.simulator.store.getProperty(alice, 'ui.theme')).toBe('light');
    expect(selected(ui, 'ui.theme')).toBe('light');
  });

  test('a save refused for lack of access says so, and Try again saves once access is allowed', async () => {
    await forget(bob, 'ui.theme');
    const { ui, flags } = await openLoaded('bob');
    pick(ui, 'ui.theme', 'light');
    await ui.waitFor(() => save(ui, 'Theme').props.isDisabled === false);
    app.runtime.revokeUserGrant(bob);
    try {
      ui.fire(save(ui, 'Theme'), 'onClick');
      await ui.waitFor(() => within(ui, card(ui, 'Theme'), 'SectionMessage', (n) => n.props.title === 'Allow access').length === 1);
      expect(flags.at(-1)).toMatchObject({ title: '"Theme" was not saved', type: 'error' });
      expect(app.simulator.store.getProperty(bob, 'ui.theme')).toBeUndefined();
    } finally {
      app.runtime.grantUser(bob);
    }
    ui.fire(buttonIn(ui, card(ui, 'Theme'), 'Try again'), 'onClick');
    await ui.waitFor(() => lozenges(ui, card(ui, 'Theme')).includes('Custom'));
    expect(app.simulator.store.getProperty(bob, 'ui.theme')).toBe('light');
    expect(sectionTitles(ui)).not.toContain('Allow access');
  });

  describe('a value changed elsewhere after the page loaded', () => {
    async function saveAfterConcurrentChange() {
      app.simulator.store.setProperty(bob, 'pageSize', 30);
      const opened = await openLoaded('bob');
      type(opened.ui, 'pageSize', '40');
      await opened.ui.waitFor(() => save(opened.ui, 'Page size').props.isDisabled === false);
      app.simulator.store.setProperty(bob, 'pageSize', 60);
      opened.ui.fire(save(opened.ui, 'Page size'), 'onClick');
      await opened.ui.waitFor(() => sectionTitles(opened.ui).includes('"Page size" was changed elsewhere'));
      return opened;
    }

    test('is not overwritten; Reload shows the current value, and saving again works', async () => {
      const { ui, flags } = await saveAfterConcurrentChange();
      expect(app.simulator.store.getProperty(bob, 'pageSize')).toBe(60);
      expect(flags).toEqual([]);
      expect(save(ui, 'Page size').props.isDisabled).toBe(true);

      ui.fire(buttonIn(ui, card(ui, 'Page size'), 'Reload'), 'onClick');
      await ui.waitFor(() => field(ui, 'Textfield', 'pageSize').props.value === '60');
      expect(sectionTitles(ui)).not.toContain('"Page size" was changed elsewhere');

      type(ui, 'pageSize', '40');
      await ui.waitFor(() => save(ui, 'Page size').props.isDisabled === false);
      ui.fire(save(ui, 'Page size'), 'onClick');
      await ui.waitFor(() => flags.length === 1);
      expect(app.simulator.store.getProperty(bob, 'pageSize')).toBe(40);
    });

    test('a reset is refused the same way', async () => {
      app.simulator.store.setProperty(bob, 'ui.theme', 'dark');
      const { ui } = await openLoaded('bob');
      app.simulator.store.setProperty(bob, 'ui.theme', 'light');
      ui.fire(buttonIn(ui, card(ui, 'Theme'), 'Reset to default'), 'onClick');
      await ui.waitFor(() => sectionTitles(ui).includes('Reset "Theme" to its default?'));
      ui.fire(buttonIn(ui, card(ui, 'Theme'), 'Reset'), 'onClick');
      await ui.waitFor(() => sectionTitles(ui).includes('"Theme" was changed elsewhere'));
      expect(app.simulator.store.getProperty(bob, 'ui.theme')).toBe('light');
      ui.fire(buttonIn(ui, card(ui, 'Theme'), 'Reload'), 'onClick');
      await ui.waitFor(() => selected(ui, 'ui.theme') === 'light');
    });
  });

  describe('keys without a definition', () => {
    afterAll(async () => {
      await app.invoke('setAllowRawEditing', { allow: false }, 'admin');
    });

    test('are listed read-only, with size and value, while raw editing is off', async () => {
      app.simulator.store.setProperty(alice, 'team', 'Platform');
      const { ui } = await openLoaded('alice');
      expect(ui.text()).toContain('Other stored values');
      const team = card(ui, 'team');
      expect(ui.text(team)).toContain('team: 10 of 32,768 bytes');
      expect(within(ui, team, 'CodeBlock')[0].props.text).toBe(JSON.stringify(app.simulator.store.getProperty(alice, 'team'), null, 2));
      expect(lozenges(ui, team)).toContain('Read only');
      expect(hasButton(ui, team, 'Edit')).toBe(false);
      expect(hasButton(ui, team, 'Delete')).toBe(false);
      // Defined keys are not repeated among them.
      expect(ui.find('CodeBlock').map((c) => c.props.text)).not.toContain('"CC-4102"');
      const refused = await app.invoke('setProperty', { key: 'team', json: '"x"' }, 'alice', MODULE_KEYS.personalSettings);
      expect(refused).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
    });

    test('are editable as JSON, and deletable after confirming, once the admin allows raw editing', async () => {
      const allowed = await app.invoke('setAllowRawEditing', { allow: true }, 'admin');
      expect(allowed).toMatchObject({ success: true });
      app.simulator.store.setProperty(alice, 'team', 'Platform');
      app.simulator.store.setProperty(alice, 'scratch', { n: 1 });
      const { ui, flags } = await openLoaded('alice');
      expect(lozenges(ui, card(ui, 'team'))).not.toContain('Read only');

      ui.fire(buttonIn(ui, card(ui, 'team'), 'Edit'), 'onClick');
      await ui.waitFor(() => ui.find('TextArea', (n) => n.props.name === 'team').length === 1);
      expect(save(ui, 'team').props.isDisabled).toBe(true);
      type(ui, 'team', '"Platform', 'TextArea');
      await ui.waitFor(() => ui.text(card(ui, 'team')).includes('Line 1'));
      expect(save(ui, 'team').props.isDisabled).toBe(true);
      type(ui, 'team', '"Platform Core"', 'TextArea');
      await ui.waitFor(() => save(ui, 'team').props.isDisabled === false);
      ui.fire(save(ui, 'team'), 'onClick');
      await ui.waitFor(() => within(ui, card(ui, 'team'), 'CodeBlock').length === 1);
      expect(app.simulator.store.getProperty(alice, 'team')).toBe('Platform Core');
      expect(flags.at(-1)).toMatchObject({ title: 'Value saved', type: 'success' });

      ui.fire(buttonIn(ui, card(ui, 'scratch'), 'Delete'), 'onClick');
      await ui.waitFor(() => sectionTitles(ui).includes('Delete "scratch"?'));
      expect(app.simulator.store.getProperty(alice, 'scratch')).toEqual({ n: 1 });
      ui.fire(buttonIn(ui, card(ui, 'scratch'), 'Delete'), 'onClick');
      await ui.waitFor(() => !ui.text().includes('scratch:'));
      expect(app.simulator.store.getProperty(alice, 'scratch')).toBeUndefined();
    });

    test('Jira\'s own keys carry a warning before they are edited', async () => {
      await app.invoke('setAllowRawEditing', { allow: true }, 'admin');
      const { ui } = await openLoaded('alice');
      const navigation = card(ui, 'navigation_next_ui_state');
      expect(lozenges(ui, navigation)).toContain('Used by Jira navigation');
      ui.fire(buttonIn(ui, navigation, 'Edit'), 'onClick');
      await ui.waitFor(() => sectionTitles(ui).includes('"navigation_next_ui_state" is used by Jira navigation'));
    });
  });
});

describe('numbers past double precision travel digit for digit', () => {
  const TRACKING: PreferenceDefinition = {
    key: 'tracking',
    title: 'Tracking',
    description: 'An id from another system.',
    schema: { type: 'object', properties: { id: { type: 'integer' }, n: { type: 'integer' } } },
    defaultValue: { n: 0 },
    userEditable: true,
  };
  const BIG = '12345678901234567890';
  /** Stores a text as another client would (PUT keeps the body as sent). */
  const store = () => app.simulator.store as SimStore;
  const RAW = `{"id":${BIG},"ratio":0.1000000000000000055511151231257827,"n":1}`;

  beforeAll(async () => {
    const answer = await app.invoke('saveDefinition', { definition: TRACKING }, 'admin');
    if (!answer.success) throw new Error(answer.error.message);
    expect(await app.invoke('setAllowRawEditing', { allow: true }, 'admin')).toMatchObject({ success: true });
  });
  afterAll(async () => {
    await app.invoke('deleteDefinition', { key: TRACKING.key }, 'admin');
    await app.invoke('setAllowRawEditing', { allow: false }, 'admin');
    await forget(alice, 'tracking', 'scan.ids');
  });

  /** Saves and waits for the outcome (Save is disabled while the request is out, too). */
  const saveAndWait = async (ui: NodeBridge, flags: unknown[], title: string) => {
    await ui.waitFor(() => save(ui, title).props.isDisabled === false);
    const before = flags.length;
    ui.fire(save(ui, title), 'onClick');
    await ui.waitFor(() => flags.length > before || sectionTitles(ui).includes(`"${title}" was changed elsewhere`));
  };

  test('a preference shows the id as raw JSON with all 20 digits; saving another field keeps them, and spellings', async () => {
    store().putPropertyJson(alice, 'tracking', `{"id":${BIG},"n":1,"price":19.90}`);
    const { ui, flags } = await openLoaded('alice');
    expect(field(ui, 'TextArea', 'tracking/id').props.value).toBe(BIG);
    expect(ui.text(card(ui, 'Tracking'))).toContain('does not fit this field');
    expect(ui.text()).not.toContain('12345678901234567000');
    expect(field(ui, 'Textfield', 'tracking/n').props.value).toBe('1');
    expect(save(ui, 'Tracking').props.isDisabled).toBe(true);

    type(ui, 'tracking/n', '2');
    await saveAndWait(ui, flags, 'Tracking');
    expect(flags.at(-1)).toMatchObject({ title: 'Preference saved', type: 'success' });
    expect(app.simulator.store.getPropertyJson(alice, 'tracking')).toBe(`{"id":${BIG},"n":2,"price":19.90}`);
    expect(field(ui, 'TextArea', 'tracking/id').props.value).toBe(BIG);

    // The card now expects the text it sent: a second save is not refused as a conflict.
    type(ui, 'tracking/n', '3');
    await saveAndWait(ui, flags, 'Tracking');
    expect(sectionTitles(ui)).not.toContain('"Tracking" was changed elsewhere');
    expect(app.simulator.store.getPropertyJson(alice, 'tracking')).toBe(`{"id":${BIG},"n":3,"price":19.90}`);
  });

  test('a raw value edited as text keeps every other number exactly; a change past double precision counts', async () => {
    store().putPropertyJson(alice, 'scan.ids', RAW);
    const { ui } = await openLoaded('alice');
    const shown = `{\n  "id": ${BIG},\n  "ratio": 0.1000000000000000055511151231257827,\n  "n": 1\n}`;
    expect(within(ui, card(ui, 'scan.ids'), 'CodeBlock')[0].props.text).toBe(shown);
    expect(ui.text(card(ui, 'scan.ids'))).toContain(`scan.ids: ${Buffer.byteLength(RAW)} of 32,768 bytes`);

    ui.fire(buttonIn(ui, card(ui, 'scan.ids'), 'Edit'), 'onClick');
    await ui.waitFor(() => ui.find('TextArea', (n) => n.props.name === 'scan.ids').length === 1);
    expect(field(ui, 'TextArea', 'scan.ids').props.value).toBe(shown);
    expect(save(ui, 'scan.ids').props.isDisabled).toBe(true);
    // Only the last digit of the id: one double, another value.
    type(ui, 'scan.ids', shown.replace(BIG, '12345678901234567891'), 'TextArea');
    await ui.waitFor(() => save(ui, 'scan.ids').props.isDisabled === false);
    type(ui, 'scan.ids', shown, 'TextArea');
    await ui.waitFor(() => save(ui, 'scan.ids').props.isDisabled === true);

    type(ui, 'scan.ids', shown.replace('"n": 1', '"n": 2'), 'TextArea');
    await ui.waitFor(() => save(ui, 'scan.ids').props.isDisabled === false);
    ui.fire(save(ui, 'scan.ids'), 'onClick');
    await ui.waitFor(() => within(ui, card(ui, 'scan.ids'), 'CodeBlock').length === 1);
    expect(app.simulator.store.getPropertyJson(alice, 'scan.ids')).toBe(RAW.replace('"n":1', '"n":2'));
    expect(within(ui, card(ui, 'scan.ids'), 'CodeBlock')[0].props.text).toBe(shown.replace('"n": 1', '"n": 2'));
  });

  test('a change elsewhere of only a digit past double precision is still a conflict, for both kinds of card', async () => {
    store().putPropertyJson(alice, 'tracking', `{"id":${BIG},"n":1}`);
    store().putPropertyJson(alice, 'scan.ids', RAW);
    const { ui, flags } = await openLoaded('alice');
    type(ui, 'tracking/n', '2');
    await ui.waitFor(() => save(ui, 'Tracking').props.isDisabled === false);
    ui.fire(buttonIn(ui, card(ui, 'scan.ids'), 'Edit'), 'onClick');
    await ui.waitFor(() => ui.find('TextArea', (n) => n.props.name === 'scan.ids').length === 1);
    type(ui, 'scan.ids', '{"n":2}', 'TextArea');
    await ui.waitFor(() => save(ui, 'scan.ids').props.isDisabled === false);

    // Another client changes the 20th digit: the same double as before.
    store().putPropertyJson(alice, 'tracking', `{"id":12345678901234567891,"n":1}`);
    store().putPropertyJson(alice, 'scan.ids', RAW.replace(BIG, '12345678901234567891'));
    ui.fire(save(ui, 'Tracking'), 'onClick');
    await ui.waitFor(() => sectionTitles(ui).includes('"Tracking" was changed elsewhere'));
    ui.fire(save(ui, 'scan.ids'), 'onClick');
    await ui.waitFor(() => sectionTitles(ui).includes('"scan.ids" was changed elsewhere'));
    expect(app.simulator.store.getPropertyJson(alice, 'tracking')).toBe('{"id":12345678901234567891,"n":1}');
    expect(app.simulator.store.getPropertyJson(alice, 'scan.ids')).toBe(RAW.replace(BIG, '12345678901234567891'));
    expect(flags).toEqual([]);

    ui.fire(buttonIn(ui, card(ui, 'Tracking'), 'Reload'), 'onClick');
    await ui.waitFor(() => field(ui, 'TextArea', 'tracking/id').props.value === '12345678901234567891');
    expect(field(ui, 'Textfield', 'tracking/n').props.value).toBe('1');
  });
});
