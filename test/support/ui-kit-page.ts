import { installNodeBridge, type NodeBridge } from '../../harness/ui/node-bridge';
import { DEMO_USERS, MODULE_KEYS, type DemoUser, type TestApp } from './test-app';

export interface Flag {
  title?: string;
  description?: string;
  type?: string;
}

const ENTRIES = {
  admin: { moduleKey: MODULE_KEYS.adminPage, load: () => require('../../src/frontend/admin/index') },
  preferences: { moduleKey: MODULE_KEYS.personalSettings, load: () => require('../../src/frontend/preferences/index') },
} as const;

/**
 * Loads one of the app's UI Kit pages afresh through the real @forge/react reconciler, as a seeded user, with
 * `invoke` going to the real resolvers through the local runtime and flags collected.
 */
export function openUiKitPage(app: TestApp, page: keyof typeof ENTRIES, as: DemoUser): { ui: NodeBridge; flags: Flag[] } {
  jest.resetModules(); // a second page in the same test loads the app afresh
  const flags: Flag[] = [];
  const { moduleKey, load } = ENTRIES[page];
  const context = { accountId: DEMO_USERS[as].accountId, moduleKey };
  const ui = installNodeBridge({
    invoke: (data) => {
      const { functionKey, payload } = data as { functionKey: string; payload: unknown };
      return app.runtime.invoke({ functionKey, payload, context });
    },
    getContext: () => context,
    showFlag: (data) => {
      flags.push(data as Flag);
      return undefined;
    },
  });
  ui.mount(load);
  return { ui, flags };
}
