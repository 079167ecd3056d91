import type { ForgeDoc, NodeBridge } from '../../harness/ui/node-bridge';
import { openTab, openUser } from '../support/admin-ui';
import { DEMO_USERS, startTestApp, type TestApp } from '../support/test-app';
import { openUiKitPage } from '../support/ui-kit-page';

// Headings never skip a level (axe's heading-order): a screen reader's outline of each page goes h1 → h2 → h3. The
// admin page's h1 is the host's page title ("User properties"), above the app's content; My preferences has its own.
// EmptyState renders an h4 unless told otherwise, which under an h1 skips two levels.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const DEFAULT_EMPTY_STATE_LEVEL = 4;

/** The levels of the page's headings, in document order. */
function outline(ui: NodeBridge): number[] {
  const levels: number[] = [];
  const walk = (node: ForgeDoc) => {
    if (node.type === 'Heading') levels.push(Number(String(node.props.as).slice(1)));
    if (node.type === 'EmptyState') levels.push(Number(node.props.headingLevel ?? DEFAULT_EMPTY_STATE_LEVEL));
    node.children.forEach(walk);
  };
  walk(ui.doc as ForgeDoc);
  return levels;
}

/** Each heading at most one level below the one before it, the first below the page's `start`. */
function skips(levels: readonly number[], start: number): string[] {
  const found: string[] = [];
  levels.reduce((previous, level, i) => {
    if (level > previous + 1) found.push(`heading ${i + 1} is an h${level} after an h${previous}`);
    return level;
  }, start);
  return found;
}

async function clearRecord(accountId: string) {
  for (const key of app.simulator.store.listKeys(accountId)) await app.invoke('deleteProperty', { accountId, key }, 'admin');
}

test('the admin page\'s empty Preferences, Delegations and Users states sit right under the page title', async () => {
  await clearRecord(DEMO_USERS.dmitri.accountId);
  const { ui } = openUiKitPage(app, 'admin', 'admin');
  await openTab(ui, 'Preferences');
  await ui.waitFor(() => ui.find('EmptyState').length === 1);
  expect(outline(ui)).toContain(2);
  expect(skips(outline(ui), 1)).toEqual([]);
  await openTab(ui, 'Delegations');
  await ui.waitFor(() => ui.find('EmptyState', (n) => n.props.header === 'No delegations').length === 1);
  expect(skips(outline(ui), 1)).toEqual([]);
  await openTab(ui, 'Users');
  await openUser(ui, 'dmitri');
  await ui.waitFor(() => ui.find('EmptyState', (n) => n.props.header === 'No properties').length === 1);
  expect(skips(outline(ui), 1)).toEqual([]);
});

test('My preferences, empty and with preferences defined, outlines h1 → h2 → h3', async () => {
  await clearRecord(DEMO_USERS.dmitri.accountId);
  const empty = openUiKitPage(app, 'preferences', 'dmitri');
  await empty.ui.waitFor(() => empty.ui.find('EmptyState', (n) => n.props.header === 'Nothing to set yet').length === 1);
  expect(outline(empty.ui)[0]).toBe(1);
  expect(skips(outline(empty.ui), 0)).toEqual([]);

  const saved = await app.invoke('saveDefinition', { definition: { key: 'ui.theme', title: 'Theme', description: 'Light or dark', schema: { enum: ['light', 'dark'] }, defaultValue: 'light', userEditable: true } }, 'admin');
  expect(saved.success).toBe(true);
  const defined = openUiKitPage(app, 'preferences', 'dmitri');
  await defined.ui.waitFor(() => defined.ui.find('Heading', (n) => n.props.as === 'h3').length > 0);
  const levels = outline(defined.ui);
  // The page's h1, the cards' h2, then each card's h3 (and the changes by others after them).
  expect(levels.slice(0, 3)).toEqual([1, 2, 3]);
  expect(skips(levels, 0)).toEqual([]);
});
