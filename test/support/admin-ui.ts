// Queries and steps on the admin page as the node bridge renders it (the real @forge/react reconciler), shared by the
// admin flow tests.
import type { ForgeDoc, NodeBridge } from '../../harness/ui/node-bridge';
import { DEMO_USERS, type DemoUser } from './test-app';

/** Picks a demo user in the UserPicker and waits for their properties (or the empty state). */
export async function openUser(ui: NodeBridge, user: DemoUser) {
  await ui.waitFor(() => ui.find('UserPicker').length > 0);
  const { accountId, displayName } = DEMO_USERS[user];
  ui.fire(ui.get('UserPicker'), 'onChange', { id: accountId, name: displayName, type: 'user', avatarUrl: '', email: '' });
  await ui.waitFor(() => ui.find('DynamicTable').length > 0 || ui.find('EmptyState').length > 0);
}

export const rowKeys = (ui: NodeBridge) => ui.find('Row').map((row) => ui.text(row.children[0]).replace(/Used by .*$/, ''));

export const rowOf = (ui: NodeBridge, key: string): ForgeDoc => {
  const row = ui.find('Row').find((r) => ui.text(r.children[0]).startsWith(key));
  if (!row) throw new Error(`no row ${key}; rows: ${rowKeys(ui).join(', ')}`);
  return row;
};

export const buttonIn = (ui: NodeBridge, node: ForgeDoc, label: string) => {
  const found: ForgeDoc[] = [];
  const walk = (n: ForgeDoc) => {
    if ((n.type === 'Button' || n.type === 'LoadingButton') && ui.text(n) === label) found.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  if (!found[0]) throw new Error(`no button "${label}" in ${ui.text(node)}`);
  return found[0];
};

export const button = (ui: NodeBridge, label: string) => buttonIn(ui, ui.doc as ForgeDoc, label);

// SectionMessage titles are props, not text children.
export const sectionTitles = (ui: NodeBridge) => ui.find('SectionMessage').map((n) => String(n.props.title));

export const section = (ui: NodeBridge, title: string) => {
  const node = ui.find('SectionMessage', (n) => String(n.props.title).includes(title))[0];
  if (!node) throw new Error(`no section "${title}"; sections: ${sectionTitles(ui).join(' | ')}`);
  return node;
};

export const tabLabels = (ui: NodeBridge) => ui.find('Tab').map((tab) => ui.text(tab));

/** Selects a tab of the admin page by its label and waits for its panel to load. */
export async function openTab(ui: NodeBridge, label: string) {
  await ui.waitFor(() => ui.find('Tabs').length > 0);
  const index = tabLabels(ui).indexOf(label);
  if (index < 0) throw new Error(`no tab "${label}"; tabs: ${tabLabels(ui).join(', ')}`);
  ui.fire(ui.get('Tabs'), 'onChange', index);
  await ui.waitFor(() => ui.get('Tabs').props.selected === index && ui.find('Spinner').length === 0);
}
