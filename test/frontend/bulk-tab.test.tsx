import { DEMO_GROUPS } from '../../harness/simulator';
import type { ForgeDoc, NodeBridge } from '../../harness/ui/node-bridge';
import { readAccountList } from '../../src/frontend/admin/bulk/account-list';
import { checkDraft, EMPTY_DRAFT, type BulkDraft } from '../../src/frontend/admin/bulk/bulk-draft';
import { button, buttonIn, openTab, sectionTitles, tabLabels } from '../support/admin-ui';
import { DEMO_USERS, startTestApp, type TestApp } from '../support/test-app';
import { openUiKitPage } from '../support/ui-kit-page';

// The admin page's Bulk changes tab through the real @forge/react reconciler and the real resolvers: the jobs run
// for real (the local platform's queue delivers them to the consumer), on the demo site and 60 generated users.
// Tests share one app, so each writes keys of its own.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ siteUsers: 60, runtime: { scheduler: { enabled: false } } });
});
afterAll(() => app.close());
beforeEach(() => jest.resetModules());
afterEach(async () => {
  jest.restoreAllMocks();
  app.runtime.queue.faults.reset();
  await app.runtime.queue.idle();
  expect(app.simulator.contractViolations).toEqual([]);
});

const { bob, alice, dmitri } = DEMO_USERS;
const JOB_MS = 20_000;

describe('the form', () => {
  test('a pasted list: one id per line or a CSV first column, header and blank lines skipped, repeats dropped', () => {
    const list = readAccountList(`accountId,displayName\r\n${bob.accountId},Bob Martin\n\n"${alice.accountId}","Nguyen, Alice"\n  ${bob.accountId}\t x \n${dmitri.accountId};x\nnot an id!\n`);
    expect(list.accountIds).toEqual([bob.accountId, alice.accountId, dmitri.accountId]);
    expect(list).toMatchObject({ header: true, repeats: 1, invalid: [{ line: 7, text: 'not an id!' }] });
  });

  const draft = (change: Partial<BulkDraft>): BulkDraft => ({ ...EMPTY_DRAFT, accountText: bob.accountId, key: 'k', ...change });
  test.each([
    ['set, JSON sent without whitespace', { json: '{ "a": 12345678901234567890 }' }, { op: 'set', key: 'k', json: '{"a":12345678901234567890}' }],
    ['merge, creating where missing', { op: 'merge', json: '{"b":null}', create: true }, { op: 'merge', key: 'k', json: '{"b":null}', create: true }],
    ['merge, only where present', { op: 'merge', json: '{"b":1}' }, { op: 'merge', key: 'k', json: '{"b":1}' }],
    ['delete', { op: 'delete', json: 'ignored' }, { op: 'delete', key: 'k' }],
    ['rename', { op: 'rename', to: 'k2' }, { op: 'rename', key: 'k', to: 'k2' }],
  ] as const)('%s', (_name, change, operation) => {
    expect(checkDraft(draft(change as Partial<BulkDraft>)).request).toEqual({ target: { accountIds: [bob.accountId] }, operation });
  });

  test.each([
    ['no user listed', { accountText: '\n\n' }, {}],
    ['an invalid id', { accountText: 'a b' }, { accounts: 'Line 1: "a b" is not an account id. Account ids hold only letters, digits, ":", "_" and "-".' }],
    ['no key', { key: '', json: '1' }, {}],
    ['a key with ".."', { key: 'a..b', json: '1' }, { key: 'The property key must not contain "..".' }],
    ['JSON that does not parse', { json: '{"a":}' }, { json: 'Line 1, column 6: Expected a value' }],
    ['a rename onto itself', { op: 'rename', to: 'k' }, { to: 'The new key must differ from the key.' }],
    ['a group not picked yet', { target: 'group', json: '1' }, {}],
  ] as const)('incomplete or invalid: %s', (_name, change, problems) => {
    const check = checkDraft(draft(change as Partial<BulkDraft>));
    expect(check.request).toBeUndefined();
    expect(check.problems).toEqual(problems);
  });

  test('everyone, and a group by its id', () => {
    expect(checkDraft(draft({ target: 'all', json: '1' })).request?.target).toEqual({ all: true });
    const group = DEMO_GROUPS.hrManagers;
    expect(checkDraft(draft({ target: 'group', group: { groupId: group.groupId, name: group.name }, json: '1' })).request?.target).toEqual({ groupId: group.groupId });
  });
});

const field = (ui: NodeBridge, type: 'Textfield' | 'TextArea' | 'Select', name: string) => {
  const node = ui.find(type, (n) => n.props.name === name)[0];
  if (!node) throw new Error(`no ${type} named "${name}"; page text: ${ui.text()}`);
  return node;
};
const type = (ui: NodeBridge, kind: 'Textfield' | 'TextArea', name: string, value: string) => ui.fire(field(ui, kind, name), 'onChange', value);
const choose = (ui: NodeBridge, name: string, value: string) => {
  const select = field(ui, 'Select', name);
  const option = (select.props.options as { label: string; value: string }[]).find((o) => o.value === value);
  if (!option) throw new Error(`no option ${value} in ${name}`);
  ui.fire(select, 'onChange', option);
};
const rows = (ui: NodeBridge, caption: string) => {
  const table = ui.find('DynamicTable', (n) => String(n.props.caption).startsWith(caption))[0];
  return table ? ui.find('Row').filter((row) => within(table, row)) : [];
};
const within = (root: ForgeDoc, node: ForgeDoc): boolean => root === node || root.children.some((child) => within(child, node));
const modal = (ui: NodeBridge) => ui.get('Modal');
const startButton = (ui: NodeBridge) => button(ui, 'Start');

/** The startJob payloads the page sends. */
function spyStartJob(): Record<string, unknown>[] {
  const calls: Record<string, unknown>[] = [];
  const invoke = app.runtime.invoke.bind(app.runtime);
  jest.spyOn(app.runtime, 'invoke').mockImplementation((request) => {
    if (request.functionKey === 'startJob') calls.push(request.payload as Record<string, unknown>);
    return invoke(request);
  });
  return calls;
}

async function openBulk(as: 'admin' | 'alice' = 'admin') {
  const opened = openUiKitPage(app, 'admin', as);
  await openTab(opened.ui, 'Bulk changes');
  return opened;
}

async function dryRun(ui: NodeBridge) {
  await ui.waitFor(() => button(ui, 'Dry run').props.isDisabled !== true);
  ui.fire(button(ui, 'Dry run'), 'onClick');
  await ui.waitFor(() => ui.text().includes('Would change'), JOB_MS);
}

test('the Bulk changes tab is last for admins, and second for a delegate', async () => {
  const { ui } = openUiKitPage(app, 'admin', 'admin');
  await ui.waitFor(() => ui.find('Tab').length > 0);
  expect(tabLabels(ui)).toEqual(['Users', 'Preferences', 'Delegations', 'All users', 'History', 'Bulk changes']);
  await withDelegate(async () => {
    const delegate = openUiKitPage(app, 'admin', 'alice');
    await delegate.ui.waitFor(() => delegate.ui.find('Tab').length > 0);
    expect(tabLabels(delegate.ui)).toEqual(['Users', 'Bulk changes']);
  });
});

test('listed users: dry run, start confirmed, results, then undo; the store follows each step', async () => {
  const key = 'bulk.journey';
  const ids = [bob.accountId, alice.accountId, dmitri.accountId];
  const calls = spyStartJob();
  const { ui, flags } = await openBulk();
  expect(startButton(ui).props.isDisabled).toBe(true);
  expect(ui.text()).toContain('Fill in the users and the change, then run a dry run');

  type(ui, 'TextArea', 'bulkAccountIds', `accountId,name\n${ids.join(',x\n')}\n\n${bob.accountId}\n`);
  await ui.waitFor(() => ui.text().includes('3 users read (skipped a header line and 1 repeated)'));
  type(ui, 'Textfield', 'bulkKey', key);
  type(ui, 'TextArea', 'bulkJson', '{ "done": false }');
  await ui.waitFor(() => ui.text().includes('Valid JSON, 14 of 32,768 bytes'));

  await dryRun(ui);
  expect(calls).toEqual([{ kind: 'bulk', dryRun: true, target: { accountIds: ids }, operation: { op: 'set', key, json: '{"done":false}' } }]);
  expect(ui.text()).toContain('Would change 3 users of 3 users: 3 to create.');
  expect(ui.text()).toContain('Create3Change0Delete0Unchanged0Refused0Conflict0Failed0');
  // Samples: the first users that would change, with their after value.
  const samples = rows(ui, 'Examples:');
  expect(samples.length).toBeGreaterThan(0);
  expect(ui.text(samples[0])).toContain('(none)→{"done":false}new key');
  ids.forEach((id) => expect(app.simulator.store.getPropertyJson(id, key)).toBeUndefined());
  expect(startButton(ui).props.isDisabled).toBe(false);

  // Editing the form invalidates the dry run; putting it back as it was makes it count again.
  type(ui, 'TextArea', 'bulkJson', '{"done":true}');
  await ui.waitFor(() => sectionTitles(ui).includes('The form has changed since this dry run'));
  expect(startButton(ui).props.isDisabled).toBe(true);
  expect(ui.text()).toContain('Start is available after a dry run of exactly this form.');
  type(ui, 'TextArea', 'bulkJson', '{"done":false}');
  await ui.waitFor(() => startButton(ui).props.isDisabled === false);

  ui.fire(startButton(ui), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  expect(ui.text(modal(ui))).toContain('Change 3 users?');
  expect(ui.text(modal(ui))).toContain('Set "bulk.journey" to {"done":false}, on 3 users listed.');
  ui.fire(buttonIn(ui, modal(ui), 'Change 3 users'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Bulk change finished'), JOB_MS);
  expect(calls[1]).toEqual({ ...calls[0], dryRun: false });
  ids.forEach((id) => expect(app.simulator.store.getPropertyJson(id, key)).toBe('{"done":false}'));
  expect(flags).toContainEqual(expect.objectContaining({ title: 'Bulk change finished', description: '3 created.', type: 'success' }));
  await ui.waitFor(() => rows(ui, 'Results:').length === 3);
  // One row per user, each created (chunks finish in any order, so rows may too).
  const resultRows = rows(ui, 'Results:').map((row) => ui.text(row));
  expect(ids.map((id) => resultRows.filter((text) => text.startsWith(`${id}Create`)).length)).toEqual([1, 1, 1]);
  // The form is kept, and the used dry run cannot start a second run.
  expect(field(ui, 'Textfield', 'bulkKey').props.value).toBe(key);
  expect(startButton(ui).props.isDisabled).toBe(true);

  ui.fire(button(ui, 'Undo'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  expect(ui.text(modal(ui))).toContain('Undo the change on 3 users?');
  ui.fire(buttonIn(ui, modal(ui), 'Undo'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Undo finished'), JOB_MS);
  expect(ui.text()).toContain('Changed 3 users of 3 users: 3 deleted.');
  ids.forEach((id) => expect(app.simulator.store.getPropertyJson(id, key)).toBeUndefined());
  expect(ui.find('Button', (n) => ui.text(n) === 'Undo')).toEqual([]);
});

test('a user Jira refuses is failed, with its reason; Retry failed users runs the change again for them only', async () => {
  const missing = 'abcdef0123456789gone';
  const { ui } = await openBulk();
  type(ui, 'TextArea', 'bulkAccountIds', `${bob.accountId}\n${missing}`);
  choose(ui, 'bulkOperation', 'merge');
  type(ui, 'Textfield', 'bulkKey', 'bulk.retry');
  type(ui, 'TextArea', 'bulkJson', '{"seen":true}');
  ui.fire(ui.get('Checkbox'), 'onChange');
  await dryRun(ui);
  // Reading a missing account's key answers 404 as a missing key does: the dry run cannot tell the two apart.
  expect(ui.text()).toContain('Would change 2 users of 2 users: 2 to create.');

  ui.fire(startButton(ui), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  ui.fire(buttonIn(ui, modal(ui), 'Change 2 users'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Bulk change finished'), JOB_MS);
  expect(ui.text()).toContain('Changed 1 user of 2 users: 1 created, 1 failed.');
  expect(app.simulator.store.getPropertyJson(bob.accountId, 'bulk.retry')).toBe('{"seen":true}');

  choose(ui, 'bulkResultsOutcome', 'failed');
  await ui.waitFor(() => rows(ui, 'Results: 1 user failed').length === 1);
  expect(ui.text(rows(ui, 'Results:')[0])).toContain(`${missing}Failed`);
  expect(ui.text(rows(ui, 'Results:')[0])).toContain('does not exist');

  ui.fire(button(ui, 'Retry failed users'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Retry finished'), JOB_MS);
  expect(ui.text()).toContain('Changed 0 users of 1 user: 1 failed.');
});

test('a running change pauses, resumes and is cancelled after a confirmation; a cancelled change says why', async () => {
  const { ui } = await openBulk();
  choose(ui, 'bulkTarget', 'all');
  await ui.waitFor(() => sectionTitles(ui).includes('Every user on the site'));
  type(ui, 'Textfield', 'bulkKey', 'bulk.steer');
  type(ui, 'TextArea', 'bulkJson', '1');
  await dryRun(ui);
  ui.fire(startButton(ui), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  // Each delivery held back, so the job is still running while the page steers it.
  app.runtime.queue.faults.slowNext(200, 1_000);
  const confirm = ui.find('LoadingButton', (n) => ui.text(n).startsWith('Change '))[0];
  ui.fire(confirm, 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Bulk change running'), JOB_MS);
  expect(ui.find('ProgressBar', (n) => String(n.props.ariaLabel).startsWith('Bulk change progress')).length).toBe(1);

  ui.fire(button(ui, 'Pause'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Bulk change paused'));
  expect(ui.text()).toContain('the others wait until you resume');
  ui.fire(button(ui, 'Resume'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Bulk change running'));

  ui.fire(button(ui, 'Cancel bulk change'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  expect(ui.text(modal(ui))).toContain('Once the steps in flight have ended, what it changed can be undone.');
  ui.fire(buttonIn(ui, modal(ui), 'Keep it running'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect(sectionTitles(ui)).toContain('Bulk change running');
  ui.fire(button(ui, 'Cancel bulk change'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 1);
  ui.fire(buttonIn(ui, modal(ui), 'Cancel the bulk change'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Bulk change was cancelled'));
  expect(ui.text()).toContain(`Cancelled by ${DEMO_USERS.admin.accountId}.`);
  // Once the steps in flight have ended, the page (still asking) shows each user's outcome, as for a finished run.
  await ui.waitFor(() => ui.find('DynamicTable', (n) => String(n.props.caption).startsWith('Results:')).length === 1, JOB_MS);
  expect(ui.text()).not.toContain('Waiting for the steps still in flight');
});

test('a delegate sees their keys as a hint, no group target, and the resolver\'s refusal of another key', async () => {
  await withDelegate(async () => {
    const { ui } = await openBulk('alice');
    expect(ui.text()).toContain('You can change these keys: costCenter.');
    expect((field(ui, 'Select', 'bulkTarget').props.options as { value: string }[]).map((o) => o.value)).toEqual(['listed', 'all']);
    type(ui, 'TextArea', 'bulkAccountIds', bob.accountId);
    type(ui, 'Textfield', 'bulkKey', 'team');
    choose(ui, 'bulkOperation', 'delete');
    await ui.waitFor(() => button(ui, 'Dry run').props.isDisabled !== true);
    ui.fire(button(ui, 'Dry run'), 'onClick');
    await ui.waitFor(() => sectionTitles(ui).includes('Not allowed'));
    expect(app.simulator.store.getPropertyJson(bob.accountId, 'team')).toBeDefined();

    // Their own key goes through.
    type(ui, 'Textfield', 'bulkKey', 'costCenter');
    await dryRun(ui);
    expect(sectionTitles(ui)).not.toContain('Not allowed');
    expect(ui.text()).toContain('1 to delete');
  });
});

async function withDelegate(body: () => Promise<void>) {
  const hr = DEMO_GROUPS.hrManagers;
  app.simulator.store.addMember(hr.name, alice.accountId);
  const saved = await app.invoke<{ id: string }>('saveDelegation', { delegation: { groupId: hr.groupId, groupName: hr.name, keys: [{ match: 'exact', value: 'costCenter' }] } }, 'admin');
  expect(saved.success).toBe(true);
  try {
    await body();
  } finally {
    if (saved.success) await app.invoke('deleteDelegation', { id: saved.data.id }, 'admin');
    app.simulator.store.removeMember(hr.name, alice.accountId);
  }
}

test('a change still running when the tab opens is followed again, and can be paused from there', async () => {
  app.runtime.queue.faults.slowNext(200, 1_000);
  const started = await app.invoke<{ jobId: string }>('startJob', { kind: 'bulk', dryRun: false, target: { all: true }, operation: { op: 'set', key: 'bulk.reopened', json: '2' } }, 'admin');
  if (!started.success) throw new Error(started.error.message);
  const { ui } = await openBulk();
  await ui.waitFor(() => sectionTitles(ui).includes('Bulk change running'), JOB_MS);
  ui.fire(button(ui, 'Pause'), 'onClick');
  await ui.waitFor(() => sectionTitles(ui).includes('Bulk change paused'));
  expect(await app.invoke('getJob', { jobId: started.data.jobId }, 'admin')).toMatchObject({ success: true, data: { state: 'paused' } });
  // Cancelled from elsewhere: the tab hears it at its next poll and stops asking.
  await app.invoke('cancelJob', { jobId: started.data.jobId }, 'admin');
  await ui.waitFor(() => sectionTitles(ui).includes('Bulk change was cancelled'), JOB_MS);
});
