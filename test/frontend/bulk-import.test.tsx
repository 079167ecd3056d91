import type { NodeBridge } from '../../harness/ui/node-bridge';
import { csvRecords } from '../../src/domain/csv';
import { button, buttonIn, openTab, sectionTitles } from '../support/admin-ui';
import { DEMO_USERS, startTestApp, type TestApp } from '../support/test-app';
import { openUiKitPage } from '../support/ui-kit-page';

// The Bulk changes tab's import through the real @forge/react reconciler and the real resolvers: a file's text pasted,
// checked, staged part by part, dry-run, run and undone as a real job on the local queue.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ siteUsers: 20, runtime: { scheduler: { enabled: false } } });
});
afterAll(() => app.close());
afterEach(async () => {
  jest.restoreAllMocks();
  await app.runtime.queue.idle();
  expect(app.simulator.contractViolations).toEqual([]);
});

const { bob, alice, dmitri } = DEMO_USERS;
const JOB_MS = 20_000;

const field = (ui: NodeBridge, type: 'TextArea' | 'Select', name: string) => {
  const node = ui.find(type, (n) => n.props.name === name)[0];
  if (!node) throw new Error(`no ${type} named "${name}"; page text: ${ui.text()}`);
  return node;
};
const choose = (ui: NodeBridge, name: string, value: string) => {
  const select = field(ui, 'Select', name);
  const option = (select.props.options as { label: string; value: string }[]).find((o) => o.value === value);
  if (!option) throw new Error(`no option ${value} in ${name}`);
  ui.fire(select, 'onChange', option);
};
const paste = (ui: NodeBridge, text: string) => ui.fire(field(ui, 'TextArea', 'bulkImportText'), 'onChange', text);

/** The payloads the page sends to these resolver keys, in order. */
function spyOn(...keys: string[]): Array<{ key: string; payload: Record<string, unknown> }> {
  const calls: Array<{ key: string; payload: Record<string, unknown> }> = [];
  const invoke = app.runtime.invoke.bind(app.runtime);
  jest.spyOn(app.runtime, 'invoke').mockImplementation((request) => {
    if (keys.includes(request.functionKey)) calls.push({ key: request.functionKey, payload: request.payload as Record<string, unknown> });
    return invoke(request);
  });
  return calls;
}

async function openImport() {
  const opened = openUiKitPage(app, 'admin', 'admin');
  await openTab(opened.ui, 'Bulk changes');
  choose(opened.ui, 'bulkMode', 'import');
  await opened.ui.waitFor(() => opened.ui.find('TextArea', (n) => n.props.name === 'bulkImportText').length === 1);
  return opened;
}

test('a pasted export: checked, dry-run, started once confirmed, each value exactly as the file spells it, then undone', async () => {
  const profile = '{ "budget": 12345678901234567890, "name": "Zo\\u00eb" }';
  const file = `{\n  "${bob.accountId}": { "imp.ui.profile": ${profile}, "imp.ui.flag": true },\n  "${alice.accountId}": { "imp.ui.profile": ${profile} }\n}\n`;
  const calls = spyOn('stageImport', 'startJob');
  const { ui } = await openImport();
  expect(ui.text()).toContain('Choose or paste a file to import, then run a dry run');
  paste(ui, file);
  await ui.waitFor(() => ui.text().includes('3 values of 2 keys for 2 users read'));
  expect(ui.text()).toContain('Keys: "imp.ui.profile", "imp.ui.flag".');

  ui.fire(button(ui, 'Dry run'), 'onClick');
  await ui.waitFor(() => ui.text().includes('Would change'), JOB_MS);
  expect(ui.text()).toContain('Would change 2 users of 2 users');
  const [first, second] = [bob.accountId, alice.accountId].sort();
  expect(calls[0]).toEqual({
    key: 'stageImport',
    payload: {
      part: 0,
      last: true,
      items: [first, second].flatMap((id) => (id === bob.accountId ? [[id, 'imp.ui.profile', profile], [id, 'imp.ui.flag', 'true']] : [[id, 'imp.ui.profile', profile]])),
    },
  });
  const importId = (calls[1]!.payload.target as { import: string }).import;
  expect(calls[1]).toEqual({ key: 'startJob', payload: { kind: 'bulk', dryRun: true, target: { import: importId }, operation: { op: 'import' } } });
  expect(app.simulator.store.getPropertyJson(bob.accountId, 'imp.ui.profile')).toBeUndefined();

  ui.fire(button(ui, 'Start'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  expect(ui.text(ui.get('Modal'))).toContain('Import values of 2 keys, on 2 users of the import.');
  ui.fire(buttonIn(ui, ui.get('Modal'), 'Change 2 users'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Bulk change finished'), JOB_MS);
  expect(calls[2]).toEqual({ key: 'startJob', payload: { ...calls[1]!.payload, dryRun: false } });
  expect(app.simulator.store.getPropertyJson(bob.accountId, 'imp.ui.profile')).toBe(profile);
  expect(app.simulator.store.getPropertyJson(alice.accountId, 'imp.ui.profile')).toBe(profile);
  expect(app.simulator.store.getPropertyJson(bob.accountId, 'imp.ui.flag')).toBe('true');
  expect(app.simulator.store.getPropertyJson(dmitri.accountId, 'imp.ui.profile')).toBeUndefined();

  ui.fire(button(ui, 'Undo'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  ui.fire(buttonIn(ui, ui.get('Modal'), 'Undo'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Undo finished'), JOB_MS);
  expect(app.simulator.store.getPropertyJson(bob.accountId, 'imp.ui.profile')).toBeUndefined();
  expect(app.simulator.store.getPropertyJson(bob.accountId, 'imp.ui.flag')).toBeUndefined();
});

test('a file with a bad value lists the problem, and nothing can be dry-run or sent', async () => {
  const calls = spyOn('stageImport', 'startJob');
  const { ui } = await openImport();
  paste(ui, `{ "${bob.accountId}": { "imp.ui.ok": 1, "imp.ui.bad": [1,] } }`);
  await ui.waitFor(() => sectionTitles(ui).includes('Fix the file before importing it'));
  expect(ui.text()).toContain(`"${bob.accountId}" → "imp.ui.bad": The property value is not valid JSON`);
  expect(button(ui, 'Dry run').props.isDisabled).toBe(true);
  paste(ui, '{ "a": ');
  await ui.waitFor(() => ui.text().includes('The file is not valid JSON of { accountId: { key: value } }'));
  expect(button(ui, 'Dry run').props.isDisabled).toBe(true);
  expect(calls).toEqual([]);
});

test('an import larger than one payload is sent in parts, in order, with a progress bar; CSV is read too', async () => {
  const calls = spyOn('stageImport');
  const { ui } = await openImport();
  // 15 values of 30 KB: past the 400 KB a part takes.
  const people = app.simulator.store.listUsers().slice(0, 15).map((user) => user.accountId).sort();
  const big = (i: number) => `"${String(i).padStart(3, '0')}${'x'.repeat(30_000)}"`;
  const rows = people.flatMap((id, i) => [[id, 'imp.ui.big.a', big(i)], [id, 'imp.ui.big.b', String(i)]]);
  paste(ui, csvRecords([['accountId', 'key', 'json'], ...rows]));
  await ui.waitFor(() => ui.text().includes('30 values of 2 keys for 15 users read'));
  ui.fire(button(ui, 'Dry run'), 'onClick');
  await ui.waitFor(() => ui.find('ProgressBar', (n) => String(n.props.ariaLabel).startsWith('Sending the import')).length === 1);
  await ui.waitFor(() => ui.text().includes('Would change'), JOB_MS);
  expect(calls.map((call) => call.payload.part)).toEqual([0, 1]);
  expect(calls.map((call) => call.payload.last)).toEqual([false, true]);
  expect(calls[1]!.payload.importId).toEqual(expect.any(String));
  expect(calls.flatMap((call) => call.payload.items as unknown[])).toEqual(rows);
  expect(ui.text()).toContain('Would change 15 users of 15 users: 15 to change.');
});
