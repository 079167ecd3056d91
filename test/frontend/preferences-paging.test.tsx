// Issue 9, point 4, on My preferences: the caller's definitions and first values show at once, the other stored
// values fill in page by page, with progress, and a failed page can be resumed.
import { SimStore } from '../../harness/simulator';
import { installNodeBridge, type ForgeDoc, type NodeBridge } from '../../harness/ui/node-bridge';
import { FIRST_PAGE_COUNT } from '../../src/domain/read-pages';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let store: SimStore;
const dmitri = DEMO_USERS.dmitri.accountId;
const raw = Array.from({ length: 120 }, (_, i) => `stored.${String(i).padStart(3, '0')}`);
const DEFINED = 'zz.pageSize';

beforeAll(async () => {
  app = await startTestApp();
  store = app.simulator.store as SimStore;
  const saved = await app.invoke('saveDefinition', {
    definition: { key: DEFINED, title: 'Page size', description: 'Issues per page.', schema: { type: 'integer' }, defaultValue: 25, userEditable: true },
  }, 'admin');
  expect(saved).toMatchObject({ success: true });
  await app.invoke('setAllowRawEditing', { allow: false }, 'admin');
  for (const key of store.listKeys(dmitri)) store.deleteProperty(dmitri, key);
  store.inTransaction(() => raw.forEach((key, i) => store.setProperty(dmitri, key, { i })));
  store.setProperty(dmitri, DEFINED, 50);
});
afterAll(() => app.close());
beforeEach(() => jest.resetModules());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

type Intercept = (functionKey: string, payload: unknown, pass: () => Promise<unknown>) => Promise<unknown>;

function openPreferences(intercept: Intercept) {
  jest.resetModules();
  const context = { accountId: dmitri, moduleKey: MODULE_KEYS.personalSettings };
  const ui = installNodeBridge({
    invoke: (data) => {
      const { functionKey, payload } = data as { functionKey: string; payload: unknown };
      return intercept(functionKey, payload, () => app.runtime.invoke({ functionKey, payload, context }));
    },
    getContext: () => context,
    showFlag: () => undefined,
  });
  ui.mount(() => require('../../src/frontend/preferences/index'));
  return ui;
}

/** Raw cards: their first Text starts with the key and a colon. */
const rawCards = (ui: NodeBridge) => {
  const keys = new Set<string>();
  for (const box of ui.find('Box')) {
    const match = /^(stored\.\d{3}):/.exec(ui.text(box));
    if (match) keys.add(match[1]);
  }
  return [...keys];
};
const loadingBar = (ui: NodeBridge) => ui.find('ProgressBar', (n) => String(n.props.ariaLabel).startsWith('Loaded '));
const buttonIn = (ui: NodeBridge, node: ForgeDoc, label: string) => {
  const found: ForgeDoc[] = [];
  const walk = (n: ForgeDoc) => {
    if ((n.type === 'Button' || n.type === 'LoadingButton') && ui.text(n) === label) found.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  if (!found[0]) throw new Error(`no button "${label}"; page text: ${ui.text()}`);
  return found[0];
};

test('the defined preference and a first page show at once, the rest fill in with progress', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let waiting = 0;
  const ui = openPreferences(async (key, _payload, pass) => {
    if (key === 'getPropertyValues') {
      waiting++;
      await gate;
    }
    return pass();
  });
  await ui.waitFor(() => waiting === 1);
  await ui.waitFor(() => ui.text().includes('Page size'));
  // The defined key's stored value is in the first page, so its form shows it (not the default).
  expect(ui.text()).toContain('Custom');
  expect(rawCards(ui)).toHaveLength(FIRST_PAGE_COUNT - 1);
  expect(loadingBar(ui)[0].props.ariaLabel).toBe('Loaded 10 of 121 stored values');

  release();
  await ui.waitFor(() => loadingBar(ui).length === 0);
  expect(rawCards(ui).sort()).toEqual(raw);
});

test('a failed page keeps what is shown and resumes with Load the rest', async () => {
  let failNext = true;
  const ui = openPreferences(async (key, _payload, pass) => {
    if (key === 'getPropertyValues' && failNext) {
      failNext = false;
      return { success: false, error: { code: 'RATE_LIMITED', message: 'Jira is busy; try again in a moment.' } };
    }
    return pass();
  });
  await ui.waitFor(() => ui.find('SectionMessage').length === 1);
  expect(ui.text()).toContain('Loaded 10 of 121 stored values. Reading the rest stopped; what is loaded is shown.');
  expect(rawCards(ui)).toHaveLength(FIRST_PAGE_COUNT - 1);
  ui.fire(buttonIn(ui, ui.get('SectionMessage'), 'Load the rest'), 'onClick');
  await ui.waitFor(() => loadingBar(ui).length === 0 && ui.find('SectionMessage').length === 0 && rawCards(ui).length === raw.length);
});
