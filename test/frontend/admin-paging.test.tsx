// Issue 9, point 4, on the admin page: the table shows after the first page, fills in while the rest load, shows
// progress, and filter, sort and Create work over what is loaded (Create over every listed key).
import { SimStore } from '../../harness/simulator';
import { installNodeBridge, type ForgeDoc, type NodeBridge } from '../../harness/ui/node-bridge';
import { FIRST_PAGE_COUNT } from '../../src/domain/read-pages';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let store: SimStore;
let userNumber = 0;
beforeAll(async () => {
  app = await startTestApp();
  store = app.simulator.store as SimStore;
});
afterAll(() => app.close());
beforeEach(() => jest.resetModules());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const LISTING = '/rest/api/3/user/properties';

/** A new user with `count` small properties, keys `<prefix>0000`…, so no two tests share a key. */
function userWith(count: number, prefix: string) {
  const accountId = `712020:0000paging-${String(++userNumber).padStart(4, '0')}`;
  const displayName = `Paging User ${userNumber}`;
  store.insertUser({ accountId, email: `paging-${userNumber}@example.com`, displayName, active: true, isAdmin: false, timeZone: 'UTC', locale: 'en_US' });
  const keys = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  store.inTransaction(() => keys.forEach((key) => store.setProperty(accountId, key, { key })));
  return { accountId, displayName, keys };
}

/** Holds the calls that wait on it until released. */
class Gate {
  private waiting: Array<() => void> = [];
  private held = true;
  wait(): Promise<void> {
    return this.held ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  }
  get pending(): number {
    return this.waiting.length;
  }
  release(): void {
    this.held = false;
    this.waiting.splice(0).forEach((resolve) => resolve());
  }
}

type Intercept = (functionKey: string, payload: unknown, pass: () => Promise<unknown>) => Promise<unknown>;

/** The admin page as the admin, like openUiKitPage, with every invoke going through `intercept` first. */
function openAdminPage(intercept: Intercept = (_key, _payload, pass) => pass()) {
  jest.resetModules();
  const context = { accountId: DEMO_USERS.admin.accountId, moduleKey: MODULE_KEYS.adminPage };
  const flags: unknown[] = [];
  const ui = installNodeBridge({
    invoke: (data) => {
      const { functionKey, payload } = data as { functionKey: string; payload: unknown };
      return intercept(functionKey, payload, () => app.runtime.invoke({ functionKey, payload, context }));
    },
    getContext: () => context,
    showFlag: (data) => {
      flags.push(data);
      return undefined;
    },
  });
  ui.mount(() => require('../../src/frontend/admin/index'));
  return { ui, flags };
}

async function openUser(ui: NodeBridge, user: { accountId: string; displayName: string }) {
  await ui.waitFor(() => ui.find('UserPicker').length > 0);
  ui.fire(ui.get('UserPicker'), 'onChange', { id: user.accountId, name: user.displayName, type: 'user', avatarUrl: '', email: '' });
  await ui.waitFor(() => ui.find('DynamicTable').length > 0);
}

const rowKeys = (ui: NodeBridge) => ui.find('Row').map((row) => ui.text(row.children[0]));
const caption = (ui: NodeBridge) => String(ui.get('DynamicTable').props.caption);
const loadingBar = (ui: NodeBridge) => ui.find('ProgressBar', (n) => String(n.props.ariaLabel).startsWith('Loaded '));
const filterField = (ui: NodeBridge) => ui.find('Textfield', (n) => n.props.name === 'filter')[0];
const button = (ui: NodeBridge, label: string, within: ForgeDoc = ui.doc as ForgeDoc) => {
  const found: ForgeDoc[] = [];
  const walk = (n: ForgeDoc) => {
    if ((n.type === 'Button' || n.type === 'LoadingButton') && ui.text(n) === label) found.push(n);
    n.children.forEach(walk);
  };
  walk(within);
  if (!found[0]) throw new Error(`no button "${label}"; page text: ${ui.text()}`);
  return found[0];
};
const propertyReads = (requests: ReturnType<TestApp['takeRequests']>) =>
  requests.filter((r) => r.method === 'GET' && r.pathname.startsWith(`${LISTING}/`)).map((r) => decodeURIComponent(r.pathname.slice(LISTING.length + 1)));

test('the table shows with the first page and progress, Create knows every listed key, then it fills in and the filter finds the last key', async () => {
  const user = userWith(250, 'fill.');
  const gate = new Gate();
  const { ui } = openAdminPage(async (key, _payload, pass) => {
    if (key === 'getPropertyValues') await gate.wait();
    return pass();
  });
  await openUser(ui, user);

  // First page only: the rest waits at the gate.
  await ui.waitFor(() => gate.pending === 1);
  expect(rowKeys(ui)).toHaveLength(FIRST_PAGE_COUNT);
  expect(caption(ui)).toBe(`${FIRST_PAGE_COUNT} of 250 properties loaded`);
  expect(loadingBar(ui)).toHaveLength(1);
  expect(loadingBar(ui)[0].props).toMatchObject({ ariaLabel: `Loaded ${FIRST_PAGE_COUNT} of 250 properties`, value: FIRST_PAGE_COUNT / 250 });
  expect(ui.text()).toContain(`Loaded ${FIRST_PAGE_COUNT} of 250 properties…`);

  // The last key is not loaded yet: the filter says so; Create still knows the key exists.
  const last = user.keys.at(-1) as string;
  ui.fire(filterField(ui), 'onChange', last);
  await ui.waitFor(() => ui.find('EmptyState').length === 1);
  expect(ui.get('EmptyState').props.description).toBe(`No key loaded so far contains "${last}".`);
  ui.fire(button(ui, 'Create property'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  ui.fire(ui.find('Textfield', (n) => n.props.name === 'key')[0], 'onChange', last);
  await ui.waitFor(() => ui.text(ui.get('Modal')).includes(`already has a property "${last}"`));
  ui.fire(button(ui, 'Cancel'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);

  gate.release();
  await ui.waitFor(() => loadingBar(ui).length === 0);
  expect(rowKeys(ui)).toEqual([last]);
  expect(caption(ui)).toBe('1 of 250 properties');
  ui.fire(filterField(ui), 'onChange', '');
  await ui.waitFor(() => rowKeys(ui).length === 250);
  expect(new Set(rowKeys(ui))).toEqual(new Set(user.keys));
  expect(caption(ui)).toBe('250 properties');
  expect(ui.get('DynamicTable').props.defaultSortKey).toBe('key');
});

test('a failed later page shows what is loaded and a retry that resumes from the remaining keys', async () => {
  const user = userWith(250, 'retry.');
  // Keys 110–209 are the second page after the first (10, then 100 a page): one of them fails once.
  app.simulator.faults.add({ status: 500, times: 1, pathIncludes: `/properties/${user.keys[150]}` });
  app.takeRequests();
  const { ui } = openAdminPage();
  await openUser(ui, user);
  await ui.waitFor(() => ui.find('SectionMessage').length > 0);
  const message = ui.get('SectionMessage');
  expect(message.props.title).toBe('Jira could not answer');
  expect(ui.text()).toContain('Loaded 110 of 250 properties. Reading the rest stopped; the table shows what is loaded.');
  expect(rowKeys(ui)).toHaveLength(110);
  expect(loadingBar(ui)).toEqual([]);

  ui.fire(button(ui, 'Load the rest', message), 'onClick');
  await ui.waitFor(() => rowKeys(ui).length === 250 && loadingBar(ui).length === 0);
  expect(ui.find('SectionMessage')).toEqual([]);
  expect(new Set(rowKeys(ui))).toEqual(new Set(user.keys));

  // What was loaded was read once; only keys of the failed page can have been read twice.
  const reads = propertyReads(app.takeRequests()).filter((key) => key.startsWith('retry.'));
  const count = new Map<string, number>();
  for (const key of reads) count.set(key, (count.get(key) ?? 0) + 1);
  for (const key of user.keys.slice(0, 110)) expect(count.get(key)).toBe(1);
  for (const key of user.keys.slice(210)) expect(count.get(key)).toBe(1);
  for (const key of user.keys) expect(count.get(key)).toBeGreaterThanOrEqual(1);
});

test('Refresh while pages load starts a clean open: the stale page never mixes in', async () => {
  const user = userWith(150, 'fresh.');
  const gate = new Gate();
  let pages = 0;
  let staleAnswered: Promise<unknown> | undefined;
  const { ui } = openAdminPage(async (key, _payload, pass) => {
    if (key !== 'getPropertyValues' || pages++ > 0) return pass();
    // Only the first open's first page waits, until after Refresh has loaded everything.
    staleAnswered = gate.wait().then(pass);
    return staleAnswered;
  });
  await openUser(ui, user);
  await ui.waitFor(() => gate.pending === 1);
  // Meanwhile one key goes away and another appears: the fresh open must show exactly the new state.
  store.deleteProperty(user.accountId, user.keys[0]);
  store.setProperty(user.accountId, 'fresh.new', true);

  ui.fire(button(ui, 'Refresh'), 'onClick');
  await ui.waitFor(() => loadingBar(ui).length === 0 && ui.find('DynamicTable').length === 1 && rowKeys(ui).length === 150);
  gate.release(); // the stale page answers now, into an open that is no longer current
  await staleAnswered;
  await new Promise((resolve) => setTimeout(resolve, 100)); // let it reach the page, were it to
  const rows = rowKeys(ui);
  expect(rows).toHaveLength(150);
  expect(new Set(rows)).toEqual(new Set([...user.keys.slice(1), 'fresh.new']));
  expect(caption(ui)).toBe('150 properties');
});
