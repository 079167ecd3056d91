import fc from 'fast-check';
import { LosslessNumber } from 'lossless-json';
import { DEMO_GROUPS, escapeNonAscii, type SimStore } from '../../harness/simulator';
import type { NodeBridge } from '../../harness/ui/node-bridge';
import { formatJsonText, minifyJsonText, readableEscapes } from '../../src/domain/json-layout';
import { parseLossless } from '../../src/domain/json-text';
import { MAX_VALUE_BYTES, utf8Bytes } from '../../src/domain/property-rules';
import { button, buttonIn, openUser, rowOf, sectionTitles } from '../support/admin-ui';
import { DEMO_USERS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';
import { openUiKitPage } from '../support/ui-kit-page';
import { jsonTreeArb, spell, styleArb, withBigNumbers, withOneDigitChanged } from '../unit/json-texts';

// The admin editor keeps what the admin did not touch exactly: through the real @forge/react reconciler and the real
// resolvers against the simulator, over generated texts (20-digit and negative big integers, long decimals, exponents
// a double cannot reach, -0, escapes, unicode, any spacing), stored as another client would store them.
let app: TestApp;
const bob = DEMO_USERS.bob.accountId;
const KEY = 'lossless.edited';

beforeAll(async () => {
  app = await startTestApp();
  // alice manages "lossless.*" on every user as a delegate: her writes go as the app.
  app.simulator.store.addMember(DEMO_GROUPS.hrManagers.name, DEMO_USERS.alice.accountId);
  const saved = await app.invoke('saveDelegation', { delegation: { groupId: DEMO_GROUPS.hrManagers.groupId, groupName: DEMO_GROUPS.hrManagers.name, keys: [{ match: 'prefix', value: 'lossless.' }] } }, 'admin');
  if (!saved.success) throw new Error(`saveDelegation failed: ${JSON.stringify(saved)}`);
});
afterAll(() => app.close());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const store = () => app.simulator.store as SimStore;
const stored = () => store().getPropertyJson(bob, KEY);
const valueText = (ui: NodeBridge) => String(ui.get('TextArea').props.value);
const typeValue = (ui: NodeBridge, text: string) => ui.fire(ui.get('TextArea'), 'onChange', text);

/** A generated value as another client stores it: an object holding big numbers, spelled in a generated style. */
const storedTexts = fc
  .tuple(jsonTreeArb.map(withBigNumbers), styleArb)
  .map(([tree, style]) => ({ tree, json: spell(tree, style) }))
  .filter(({ json }) => utf8Bytes(json) < MAX_VALUE_BYTES - 100);

/** What the editor shows for a stored text: Jira's answer (non-ASCII escaped), laid out, visible characters decoded. */
const shownFor = (json: string) => formatJsonText(readableEscapes(escapeNonAscii(json)));

/** The value with every number as spelled (LosslessNumber keeps its digits) and strings as the characters they hold. */
const exact = (json: string) => parseLossless(json) as Record<string, unknown>;
const topKeys = (json: string) => Object.keys(exact(json));

async function openEditor(as: DemoUser) {
  const { ui, flags } = openUiKitPage(app, 'admin', as);
  await openUser(ui, 'bob');
  ui.fire(buttonIn(ui, rowOf(ui, KEY), 'Edit'), 'onClick');
  await ui.waitFor(() => ui.find('TextArea').length === 1);
  return { ui, flags };
}

/** Adds a member before the others, by text, as an admin typing would: the rest of the text is left as loaded. */
const withAddedMember = (text: string) => text.replace(/^\{/, '{\n  "added": 1,');

async function save(ui: NodeBridge, label = 'Save') {
  await ui.waitFor(() => button(ui, label).props.isDisabled === false);
  ui.fire(button(ui, label), 'onClick');
}

test('the editor and the View dialog show the stored text laid out, each token as stored, escapes of visible characters decoded', async () => {
  const json = '{"id":12345678901234567890,"ratio":0.1000000000000000055511151231257827,"e":[1E400,-0,19.90],"name":"\\u00c9mile","rtl":"\\u200f"}';
  store().putPropertyJson(bob, KEY, json);
  const { ui } = await openEditor('admin');
  const shown = '{\n  "id": 12345678901234567890,\n  "ratio": 0.1000000000000000055511151231257827,\n  "e": [\n    1E400,\n    -0,\n    19.90\n  ],\n  "name": "Émile",\n  "rtl": "\\u200f"\n}';
  expect(valueText(ui)).toBe(shown);
  expect(button(ui, 'Save').props.isDisabled).toBe(true);
  // Format and Minify change whitespace only.
  ui.fire(button(ui, 'Minify'), 'onClick');
  await ui.waitFor(() => valueText(ui) === minifyJsonText(shown));
  ui.fire(button(ui, 'Format'), 'onClick');
  await ui.waitFor(() => valueText(ui) === shown);
  expect(button(ui, 'Save').props.isDisabled).toBe(true);
  ui.fire(button(ui, 'Cancel'), 'onClick');
  await ui.waitFor(() => ui.find('Modal').length === 0);

  ui.fire(buttonIn(ui, rowOf(ui, KEY), 'View'), 'onClick');
  await ui.waitFor(() => ui.find('CodeBlock').length === 1);
  expect(ui.get('CodeBlock').props.text).toBe(shown);
  expect(ui.text(rowOf(ui, KEY))).toContain('{"id":12345678901234567890,"ratio":0.1000000000000000055511…');
});

test('a change past double precision is listed in the summary and can be saved; the rest is written as stored', async () => {
  store().putPropertyJson(bob, KEY, '{"id":12345678901234567890,"n":1}');
  const { ui } = await openEditor('admin');
  typeValue(ui, valueText(ui).replace('12345678901234567890', '12345678901234567891'));
  await ui.waitFor(() => sectionTitles(ui).includes('What will change') && ui.text().includes('Changed id'));
  await save(ui);
  await ui.waitFor(() => ui.find('Modal').length === 0);
  expect(stored()).toBe('{"id":12345678901234567891,"n":1}');
});

test('editing a sibling, with or without Format, as an admin or a delegate: every untouched number keeps its digits (fast-check)', async () => {
  await fc.assert(
    fc.asyncProperty(storedTexts, fc.boolean(), fc.constantFrom<DemoUser>('admin', 'alice'), async ({ json }, format, as) => {
      store().putPropertyJson(bob, KEY, json);
      const { ui } = await openEditor(as);
      expect(valueText(ui)).toBe(shownFor(json));
      typeValue(ui, withAddedMember(valueText(ui)));
      if (format) {
        await ui.waitFor(() => button(ui, 'Format').props.isDisabled === false);
        ui.fire(button(ui, 'Format'), 'onClick');
      }
      await save(ui);
      await ui.waitFor(() => ui.find('Modal').length === 0);
      const now = stored() ?? '';
      expect(exact(now)).toEqual({ added: new LosslessNumber('1'), ...exact(json) });
      expect(topKeys(now)).toEqual(['added', ...topKeys(json)]);
      // Written without whitespace between tokens, each token as the editor showed it.
      expect(now).toBe(minifyJsonText(withAddedMember(shownFor(json))));
    }),
    { numRuns: 12 },
  );
});

test('create sends the typed text, tokens unchanged (fast-check)', async () => {
  await fc.assert(
    fc.asyncProperty(storedTexts, async ({ json }) => {
      store().deleteProperty(bob, KEY);
      store().putPropertyJson(bob, 'lossless.other', '1');
      const { ui } = openUiKitPage(app, 'admin', 'admin');
      await openUser(ui, 'bob');
      ui.fire(button(ui, 'Create property'), 'onClick');
      await ui.waitFor(() => ui.find('Modal').length === 1);
      ui.fire(ui.find('Textfield', (n) => n.props.name === 'key')[0], 'onChange', KEY);
      typeValue(ui, json);
      await save(ui, 'Create');
      await ui.waitFor(() => ui.find('Modal').length === 0);
      expect(stored()).toBe(minifyJsonText(json));
      expect(exact(stored() ?? '')).toEqual(exact(json));
    }),
    { numRuns: 8 },
  );
});

describe('a value another client changed by one digit past double precision while it was edited', () => {
  async function editThenConflict(json: string, theirs: string) {
    store().putPropertyJson(bob, KEY, json);
    const { ui } = await openEditor('admin');
    typeValue(ui, withAddedMember(valueText(ui)));
    await ui.waitFor(() => button(ui, 'Save').props.isDisabled === false);
    store().putPropertyJson(bob, KEY, theirs);
    ui.fire(button(ui, 'Save'), 'onClick');
    await ui.waitFor(() => sectionTitles(ui).some((title) => title.includes('changed while you were editing')));
    expect(stored()).toBe(theirs);
    return ui;
  }
  const changedTexts = fc
    .tuple(storedTexts, styleArb)
    .map(([{ tree, json }, style]) => ({ json, theirs: spell(withOneDigitChanged(tree) ?? tree, style) }));

  test('is a conflict; Overwrite writes mine exactly, Reload shows theirs exactly (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(changedTexts, fc.boolean(), async ({ json, theirs }, overwrite) => {
        const ui = await editThenConflict(json, theirs);
        const [storedNow, mine] = ui.find('CodeBlock').map((block) => String(block.props.text));
        expect(storedNow).toBe(shownFor(theirs));
        expect(mine).toBe(withAddedMember(shownFor(json)));
        if (overwrite) {
          ui.fire(button(ui, 'Overwrite with mine'), 'onClick');
          await ui.waitFor(() => ui.find('Modal').length === 0);
          expect(stored()).toBe(minifyJsonText(mine));
        } else {
          ui.fire(button(ui, 'Reload stored value'), 'onClick');
          await ui.waitFor(() => valueText(ui) === shownFor(theirs));
          expect(stored()).toBe(theirs);
        }
      }),
      { numRuns: 8 },
    );
  });
});
