import { DEMO_GROUPS } from '../../harness/simulator';
import { type ForgeDoc, type NodeBridge } from '../../harness/ui/node-bridge';
import type { AppConfig, HistoryEntry, HistoryPage } from '../../src/shared/contract';
import { button, buttonIn, openTab, sectionTitles, tabLabels } from '../support/admin-ui';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';
import { openUiKitPage } from '../support/ui-kit-page';

// The admin page's History tab through the real @forge/react reconciler and the real resolvers (local runtime +
// simulator): the writes are made through the app, so the history is the one the backend records. Tests share one
// app, so each writes keys of its own.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ runtime: { scheduler: { enabled: false } } });
});
afterAll(() => app.close());
beforeEach(() => jest.resetModules());
afterEach(() => {
  jest.restoreAllMocks();
  app.simulator.faults.clear();
  expect(app.simulator.contractViolations).toEqual([]);
});

const { admin, bob, alice } = DEMO_USERS;

async function set(accountId: string, key: string, json: string) {
  const answer = await app.invoke('setProperty', { accountId, key, json }, 'admin');
  if (!answer.success) throw new Error(`setProperty failed: ${JSON.stringify(answer)}`);
}

async function historyOf(payload: Record<string, unknown>): Promise<HistoryPage> {
  const answer = await app.invoke<HistoryPage>('listHistory', payload, 'admin');
  if (!answer.success) throw new Error(`listHistory failed: ${answer.error.message}`);
  return answer.data;
}

async function appConfig(): Promise<AppConfig> {
  const answer = await app.invoke<AppConfig>('getAppConfig', {}, 'admin');
  if (!answer.success) throw new Error(`getAppConfig failed: ${answer.error.message}`);
  return answer.data;
}

/** The listHistory payloads the page sends, as the page sends them. */
function spyHistoryCalls(): Record<string, unknown>[] {
  const calls: Record<string, unknown>[] = [];
  const invoke = app.runtime.invoke.bind(app.runtime);
  jest.spyOn(app.runtime, 'invoke').mockImplementation((request) => {
    if (request.functionKey === 'listHistory') calls.push(request.payload as Record<string, unknown>);
    return invoke(request);
  });
  return calls;
}

const field = (ui: NodeBridge, type: 'Textfield' | 'TextArea', name: string) => {
  const node = ui.find(type, (n) => n.props.name === name)[0];
  if (!node) throw new Error(`no ${type} named "${name}"; page text: ${ui.text()}`);
  return node;
};
const type = (ui: NodeBridge, name: string, value: string) => ui.fire(field(ui, 'Textfield', name), 'onChange', value);
const modalText = (ui: NodeBridge) => ui.text(ui.get('Modal'));

const rows = (ui: NodeBridge) => ui.find('Row');
const cell = (ui: NodeBridge, row: ForgeDoc, index: number) => ui.text(row.children[index]);
const COLUMN = { when: 0, actor: 1, user: 2, key: 3, change: 4, values: 5 } as const;
const column = (ui: NodeBridge, name: keyof typeof COLUMN) => rows(ui).map((row) => cell(ui, row, COLUMN[name]));
const loaded = (ui: NodeBridge) => ui.find('Spinner', (n) => n.props.label === 'Loading the history').length === 0;

async function openHistory() {
  const opened = openUiKitPage(app, 'admin', 'admin');
  await openTab(opened.ui, 'History');
  return opened;
}

/** Types the filters given, applies them, and waits for the first page. */
async function applyFilters(ui: NodeBridge, filters: Partial<Record<'historyUser' | 'historyActor' | 'historyKey' | 'historyFrom' | 'historyTo' | 'historyJob', string>>) {
  for (const [name, value] of Object.entries(filters)) type(ui, name, value!);
  await ui.waitFor(() => button(ui, 'Apply').props.isDisabled !== true);
  ui.fire(button(ui, 'Apply'), 'onClick');
  await ui.waitFor(() => !loaded(ui));
  await ui.waitFor(() => loaded(ui));
}

const localDay = (offsetDays: number) => {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
};

test('the History tab is the admin page\'s last tab; a delegate has none', async () => {
  const { ui } = openUiKitPage(app, 'admin', 'admin');
  await ui.waitFor(() => ui.find('Tab').length > 0);
  expect(tabLabels(ui)).toEqual(['Users', 'Preferences', 'Delegations', 'All users', 'History', 'Bulk changes']);

  const hr = DEMO_GROUPS.hrManagers;
  app.simulator.store.addMember(hr.name, alice.accountId);
  const saved = await app.invoke<{ id: string }>('saveDelegation', { delegation: { groupId: hr.groupId, groupName: hr.name, keys: [{ match: 'exact', value: 'costCenter' }] } }, 'admin');
  expect(saved.success).toBe(true);
  try {
    const delegate = openUiKitPage(app, 'admin', 'alice');
    await delegate.ui.waitFor(() => delegate.ui.find('Tab').length > 0);
    expect(tabLabels(delegate.ui)).toEqual(['Users', 'Bulk changes']);
  } finally {
    if (saved.success) await app.invoke('deleteDelegation', { id: saved.data.id }, 'admin');
    app.simulator.store.removeMember(hr.name, alice.accountId);
  }
});

test('filtering by key sends the filter and shows only that key\'s changes, newest first, with names and previews', async () => {
  await set(bob.accountId, 'hist.filter.a', '"a1"');
  await set(alice.accountId, 'hist.filter.b', '"b1"');
  await set(bob.accountId, 'hist.filter.a', '{"team":"Platform","size":12}');
  await set(alice.accountId, 'hist.filter.b', '"b2"');
  const calls = spyHistoryCalls();
  const { ui } = await openHistory();
  // Unfiltered first: the site's whole history, both keys.
  expect(calls[0]).toEqual({});
  expect(column(ui, 'key')).toEqual(expect.arrayContaining(['hist.filter.a', 'hist.filter.b']));

  await applyFilters(ui, { historyKey: 'hist.filter.a' });
  expect(calls.at(-1)).toEqual({ key: 'hist.filter.a' });
  expect(column(ui, 'key')).toEqual(['hist.filter.a', 'hist.filter.a']);
  expect(column(ui, 'actor')).toEqual(['Alex Admin', 'Alex Admin']);
  expect(column(ui, 'user')).toEqual(['Bob Martin', 'Bob Martin']);
  expect(column(ui, 'change')).toEqual(['Updated', 'Created']);
  expect(column(ui, 'values')).toEqual(['"a1"→{"team":"Platform","size":12}', '(none)→"a1"']);
  expect(ui.text()).toContain('2 changes, newest first.');
  expect(ui.text()).toContain('Filtered by key "hist.filter.a".');
  expect(ui.find('Button', (n) => ui.text(n) === 'Load more')).toEqual([]);

  // The details show the whole entry.
  ui.fire(buttonIn(ui, rows(ui)[0], 'Details'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  expect(modalText(ui)).toContain(`Changed by: Alex Admin (${admin.accountId})`);
  expect(modalText(ui)).toContain(`User: Bob Martin (${bob.accountId})`);
  expect(ui.find('CodeBlock').map((n) => n.props.text)).toEqual(['"a1"', '{\n  "team": "Platform",\n  "size": 12\n}']);
  ui.fire(button(ui, 'Close'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);

  // User and key together; then a date range that ends yesterday matches nothing.
  await applyFilters(ui, { historyKey: 'hist.filter.b', historyUser: alice.accountId });
  expect(calls.at(-1)).toEqual({ key: 'hist.filter.b', accountId: alice.accountId });
  expect(column(ui, 'values')).toEqual(['"b1"→"b2"', '(none)→"b1"']);
  expect(column(ui, 'user')).toEqual(['Alice Nguyen', 'Alice Nguyen']);
  await applyFilters(ui, { historyTo: localDay(-1) });
  expect(calls.at(-1)).toMatchObject({ key: 'hist.filter.b', accountId: alice.accountId, to: expect.stringMatching(/T\d\d:\d\d:59\.999Z$/) });
  expect(ui.get('EmptyState').props.header).toBe('No changes match');

  // Today, picked as the first and the last day, matches again; Clear shows everything.
  await applyFilters(ui, { historyFrom: localDay(0), historyTo: localDay(0) });
  expect(rows(ui)).toHaveLength(2);
  ui.fire(button(ui, 'Clear'), 'onClick');
  await ui.waitFor(() => loaded(ui) && rows(ui).length >= 4);
  expect(calls.at(-1)).toEqual({});
  expect(field(ui, 'Textfield', 'historyKey').props.value).toBe('');
});

test('filters are checked as typed: a bad account id, job id or day range disables Apply', async () => {
  const { ui } = await openHistory();
  type(ui, 'historyActor', 'not an id!');
  await ui.waitFor(() => ui.text().includes('The accountId may only contain letters'));
  expect(button(ui, 'Apply').props.isDisabled).toBe(true);
  type(ui, 'historyActor', admin.accountId);
  type(ui, 'historyJob', '1234');
  await ui.waitFor(() => ui.text().includes('A job id looks like'));
  expect(button(ui, 'Apply').props.isDisabled).toBe(true);
  type(ui, 'historyJob', '');
  type(ui, 'historyFrom', localDay(0));
  type(ui, 'historyTo', localDay(-3));
  await ui.waitFor(() => ui.text().includes('The last day must not be before the first day.'));
  expect(button(ui, 'Apply').props.isDisabled).toBe(true);
});

test('a page of 50 at a time: Load more asks for the next page by its cursor and appends it', async () => {
  for (let i = 0; i < 57; i++) await set(bob.accountId, 'hist.paging', String(i));
  const calls = spyHistoryCalls();
  const { ui } = await openHistory();
  await applyFilters(ui, { historyKey: 'hist.paging' });
  expect(rows(ui)).toHaveLength(50);
  expect(ui.text()).toContain('The newest 50 changes, newest first; more can be loaded.');
  // Newest first: the last write (56) is the first row.
  expect(column(ui, 'values').slice(0, 2)).toEqual(['55→56', '54→55']);
  ui.fire(button(ui, 'Load more'), 'onClick');
  await ui.waitFor(() => rows(ui).length === 57);
  expect(calls.at(-1)).toEqual({ key: 'hist.paging', cursor: expect.any(String) });
  expect(column(ui, 'values').slice(-2)).toEqual(['0→1', '(none)→0']);
  expect(ui.find('Button', (n) => ui.text(n) === 'Load more')).toEqual([]);
  expect(ui.text()).toContain('57 changes, newest first.');
});

test('an unconfirmed write is marked, with why', async () => {
  // The connection drops after Jira applied the write, every time the client retries.
  app.simulator.faults.add({ kind: 'drop-after', method: 'PUT', pathIncludes: '/hist.lost', times: 10 });
  const lost = await app.invoke('setProperty', { accountId: bob.accountId, key: 'hist.lost', json: '"maybe"' }, 'admin');
  expect(lost.success).toBe(false);
  const { ui } = await openHistory();
  await applyFilters(ui, { historyKey: 'hist.lost' });
  expect(column(ui, 'change')).toEqual(['CreatedUnconfirmed']);
  const tooltip = ui.get('Tooltip', 'Unconfirmed');
  expect(String(tooltip.props.content)).toContain('the value may or may not have changed');
  expect(ui.text()).toContain("Unconfirmed: The app sent this change but lost Jira's answer");
});

test('export as JSON and as CSV: every entry of the filter, exact values, fields quoted per RFC 4180', async () => {
  // A key with a comma and quotes; values with quotes, a comma, line breaks (JSON whitespace, kept as sent) and a
  // number no double holds.
  const key = 'hist.export,"q"';
  await set(bob.accountId, key, '{"note":"a, \\"b\\""}');
  await set(bob.accountId, key, '{\r\n  "n": 12345678901234567890\n}');
  const deleted = await app.invoke('deleteProperty', { accountId: bob.accountId, key }, 'admin');
  expect(deleted.success).toBe(true);
  const { entries } = await historyOf({ key });
  const [del, upd, cre] = entries as [HistoryEntry, HistoryEntry, HistoryEntry];
  expect(upd.after).toBe('{\r\n  "n": 12345678901234567890\n}');

  const { ui } = await openHistory();
  await applyFilters(ui, { historyKey: key });
  expect(rows(ui)).toHaveLength(3);

  ui.fire(button(ui, 'Export JSON'), 'onClick');
  await ui.waitFor(() => ui.find('TextArea', (n) => n.props.name === 'historyExport').length === 1);
  const json = String(field(ui, 'TextArea', 'historyExport').props.value);
  const exportedAt = (JSON.parse(json) as { exportedAt: string }).exportedAt;
  const common = { actorAccountId: admin.accountId, actorDisplayName: 'Alex Admin', authority: 'admin', accountId: bob.accountId, accountDisplayName: 'Bob Martin', key };
  const tail = { principal: 'asUser', moduleKey: MODULE_KEYS.adminPage };
  expect(json).toBe(
    JSON.stringify(
      {
        exportedAt,
        filter: { key },
        complete: true,
        count: 3,
        entries: [
          { at: del.at, ...common, operation: 'delete', state: 'recorded', before: '{\r\n  "n": 12345678901234567890\n}', ...tail, id: del.id },
          { at: upd.at, ...common, operation: 'update', state: 'recorded', before: '{"note":"a, \\"b\\""}', after: '{\r\n  "n": 12345678901234567890\n}', ...tail, id: upd.id },
          { at: cre.at, ...common, operation: 'create', state: 'recorded', after: '{"note":"a, \\"b\\""}', ...tail, id: cre.id },
        ],
      },
      null,
      2,
    ),
  );
  expect(Date.now() - Date.parse(exportedAt)).toBeLessThan(60_000);
  const bytes = Buffer.byteLength(json, 'utf8');
  expect(modalText(ui)).toContain(`3 entries of the history filtered by key "${key}", ${(bytes / 1024).toFixed(1)} KB (${bytes.toLocaleString('en-US')} bytes).`);
  expect(modalText(ui)).toContain('history.json');
  expect(field(ui, 'TextArea', 'historyExport').props.isReadOnly).toBe(true);
  ui.fire(button(ui, 'Close'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);

  ui.fire(button(ui, 'Export CSV'), 'onClick');
  await ui.waitFor(() => ui.find('TextArea', (n) => n.props.name === 'historyExport').length === 1);
  const csv = String(field(ui, 'TextArea', 'historyExport').props.value);
  const who = `${admin.accountId},Alex Admin,admin,${bob.accountId},Bob Martin,"hist.export,""q"""`;
  const mod = `asUser,${MODULE_KEYS.adminPage}`;
  expect(csv).toBe(
    'at,actorAccountId,actorDisplayName,authority,accountId,accountDisplayName,key,operation,state,before,after,principal,moduleKey,jobId,restoredFrom,id\r\n' +
      `${del.at},${who},delete,recorded,"{\r\n  ""n"": 12345678901234567890\n}",,${mod},,,${del.id}\r\n` +
      `${upd.at},${who},update,recorded,"{""note"":""a, \\""b\\""""}","{\r\n  ""n"": 12345678901234567890\n}",${mod},,,${upd.id}\r\n` +
      `${cre.at},${who},create,recorded,,"{""note"":""a, \\""b\\""""}",${mod},,,${cre.id}\r\n`,
  );
  expect(modalText(ui)).toContain('history.csv');
});

test('an export reads every page, and stops at 10,000 entries saying so', async () => {
  // 10,050 entries would take minutes to write through the app: the pages are answered here instead, as the
  // resolver would (50 a page, a cursor while more remain).
  const answered: unknown[] = [];
  const invoke = app.runtime.invoke.bind(app.runtime);
  jest.spyOn(app.runtime, 'invoke').mockImplementation(async (request) => {
    const payload = request.payload as { key?: string; cursor?: string };
    if (request.functionKey !== 'listHistory' || payload.key !== 'hist.many') return invoke(request);
    const page = Number(payload.cursor ?? 0);
    answered.push(payload);
    const entries = Array.from({ length: 50 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(page * 50 + i).padStart(12, '0')}`,
      at: new Date(Date.UTC(2025, 0, 1) - (page * 50 + i) * 1000).toISOString(),
      actorAccountId: admin.accountId,
      authority: 'admin',
      accountId: bob.accountId,
      key: 'hist.many',
      operation: 'update',
      before: '1',
      after: '2',
      principal: 'asUser',
      moduleKey: MODULE_KEYS.adminPage,
      state: 'recorded',
    }));
    return { success: true, data: { entries, people: {}, cursor: String(page + 1) } };
  });
  const { ui } = await openHistory();
  await applyFilters(ui, { historyKey: 'hist.many' });
  ui.fire(button(ui, 'Export CSV'), 'onClick');
  await ui.waitFor(() => ui.find('ProgressBar').length === 1);
  expect(modalText(ui)).toMatch(/entries read so far/);
  await ui.waitFor(() => ui.find('TextArea', (n) => n.props.name === 'historyExport').length === 1, 20_000);
  expect(sectionTitles(ui)).toContain('Stopped at 10,000 entries');
  const csv = String(field(ui, 'TextArea', 'historyExport').props.value);
  expect(csv.split('\r\n')).toHaveLength(1 + 10_000 + 1); // header, records, '' after the last CRLF
  // The table's first page, then 200 pages for the export.
  expect(answered).toHaveLength(1 + 200);
});

test('retention: shows the setting, saves a longer one at once, asks before a shorter one', async () => {
  const { ui, flags } = await openHistory();
  const days = () => field(ui, 'Textfield', 'historyRetentionDays');
  const before = (await appConfig()).historyRetentionDays;
  expect(days().props.value).toBe(String(before));
  expect(ui.text()).toContain(`The history keeps each entry for ${before.toLocaleString('en-US')} days.`);
  expect(button(ui, 'Save').props.isDisabled).toBe(true);

  type(ui, 'historyRetentionDays', '0');
  await ui.waitFor(() => ui.text().includes('Enter whole days from 1 to 3,650.'));
  expect(button(ui, 'Save').props.isDisabled).toBe(true);
  type(ui, 'historyRetentionDays', '3651');
  await ui.waitFor(() => button(ui, 'Save').props.isDisabled === true);

  // Longer: saved without a question.
  type(ui, 'historyRetentionDays', String(before + 100));
  await ui.waitFor(() => button(ui, 'Save').props.isDisabled === false);
  ui.fire(button(ui, 'Save'), 'onClick');
  await ui.waitFor(() => flags.some((flag) => flag.title === 'History retention saved'));
  expect(ui.find('Modal')).toEqual([]);
  expect((await appConfig()).historyRetentionDays).toBe(before + 100);
  await ui.waitFor(() => ui.text().includes(`The history keeps each entry for ${(before + 100).toLocaleString('en-US')} days.`));

  // Shorter: confirmed first; Cancel saves nothing.
  type(ui, 'historyRetentionDays', '30');
  await ui.waitFor(() => button(ui, 'Save').props.isDisabled === false);
  ui.fire(button(ui, 'Save'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  expect(ui.text(ui.get('ModalTitle'))).toBe('Keep the history for only 30 days?');
  expect(modalText(ui)).toContain('The next daily purge deletes every entry older than 30 days');
  ui.fire(button(ui, 'Cancel'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect((await appConfig()).historyRetentionDays).toBe(before + 100);

  ui.fire(button(ui, 'Save'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  ui.fire(button(ui, 'Shorten to 30 days'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect((await appConfig()).historyRetentionDays).toBe(30);
  expect(flags.at(-1)).toMatchObject({ title: 'History retention saved', description: 'The history keeps each entry for 30 days.', type: 'success' });
  await app.invoke('setHistoryRetention', { days: before }, 'admin');
});

test('an error answer is shown: the admin loses Administer Jira while the tab is open', async () => {
  const { ui } = await openHistory();
  app.simulator.store.setAdmin(admin.accountId, false);
  try {
    ui.fire(button(ui, 'Apply'), 'onClick');
    await ui.waitFor(() => sectionTitles(ui).includes('Not allowed'));
    expect(rows(ui)).toEqual([]);
    expect(ui.text(ui.find('SectionMessage', (n) => n.props.title === 'Not allowed')[0])).toContain('Try again');
  } finally {
    app.simulator.store.setAdmin(admin.accountId, true);
  }
  ui.fire(button(ui, 'Try again'), 'onClick');
  await ui.waitFor(() => loaded(ui) && !sectionTitles(ui).includes('Not allowed'));
  expect(rows(ui).length).toBeGreaterThan(0);
});

test('a page that fails after the first keeps what is loaded and offers to load it again', async () => {
  for (let i = 0; i < 52; i++) await set(alice.accountId, 'hist.more', String(i));
  const { ui } = await openHistory();
  await applyFilters(ui, { historyKey: 'hist.more' });
  expect(rows(ui)).toHaveLength(50);
  const invoke = app.runtime.invoke.bind(app.runtime);
  const spy = jest.spyOn(app.runtime, 'invoke').mockImplementation(async (request) =>
    request.functionKey === 'listHistory' ? { success: false, error: { code: 'RATE_LIMITED', message: 'Jira is answering too many requests.' } } : invoke(request),
  );
  ui.fire(button(ui, 'Load more'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Jira is busy'));
  expect(rows(ui)).toHaveLength(50);
  spy.mockRestore();
  ui.fire(button(ui, 'Load more again'), 'onClick');
  await ui.waitFor(() => rows(ui).length === 52);
});
