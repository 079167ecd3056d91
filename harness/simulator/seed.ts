import type { SimStore } from './store';
import type { SimGroup, SimUser } from './types';

export type DemoUserName = 'admin' | 'alice' | 'bob' | 'carol' | 'dmitri';

// Account IDs in both shapes Jira Cloud hands out: 24 hex digits, and "<prefix>:<uuid>".
export const DEMO_USERS: Readonly<Record<DemoUserName, SimUser>> = {
  admin: {
    accountId: '5b10ac8d82e05b22cc7d4ef5',
    email: 'admin@example.com',
    displayName: 'Alex Admin',
    active: true,
    isAdmin: true,
    timeZone: 'Australia/Sydney',
    locale: 'en_AU',
    emailVisibility: 'anyone',
    accountType: 'atlassian',
  },
  alice: {
    accountId: '5d53f3cbc6b9320d9ea5bdc2',
    email: 'alice@example.com',
    displayName: 'Alice Nguyen',
    active: true,
    isAdmin: false,
    timeZone: 'America/Los_Angeles',
    locale: 'en_US',
    emailVisibility: 'anyone',
    accountType: 'atlassian',
  },
  bob: {
    accountId: '557058:9c2f6c1e-3b8a-4e57-a6d2-0f4b7e1d9a33',
    email: 'bob@example.com',
    displayName: 'Bob Martin',
    active: true,
    isAdmin: false,
    timeZone: 'Europe/London',
    locale: 'en_GB',
    emailVisibility: 'anyone',
    accountType: 'atlassian',
  },
  carol: {
    accountId: '5e8f1a2b3c4d5e6f7a8b9c0d',
    email: 'carol@example.com',
    displayName: 'Carol Diaz',
    active: false,
    isAdmin: false,
    timeZone: 'America/Mexico_City',
    locale: 'es_MX',
    emailVisibility: 'anyone',
    accountType: 'atlassian',
  },
  dmitri: {
    accountId: '712020:4a1c8e2f-7b3d-4f6a-9e5c-2d8b1a7f3c60',
    email: 'dmitri@example.com',
    displayName: 'Дмитрий Иванов',
    active: true,
    isAdmin: false,
    timeZone: 'Europe/Moscow',
    locale: 'ru_RU',
    // Dmitri hides his email address in his Atlassian profile: only he sees it (not admins, not the app).
    emailVisibility: 'private',
    accountType: 'atlassian',
  },
};

/** The user Jira creates for an installed Forge app; requests made with asApp() act as this user. */
export const APP_USER = {
  accountId: '557058:0a7f3d2e-5c1b-4e9a-8f6d-3b2c1a0e9f87',
  displayName: 'User Properties Manager (app)',
} as const;

export interface DemoProperty {
  accountId: string;
  key: string;
  value: unknown;
}

export const NEAR_LIMIT_TARGET_BYTES = 31_500;

// Bob's recently viewed issues: deterministic entries, as many as fit in NEAR_LIMIT_TARGET_BYTES of JSON.
function bobHistory(): unknown[] {
  const actions = ['viewed', 'commented', 'transitioned', 'edited'];
  const entries: unknown[] = [];
  const start = Date.UTC(2025, 0, 6, 9, 0, 0);
  for (let i = 0; ; i++) {
    const entry = {
      at: new Date(start + i * 37 * 60_000).toISOString(),
      action: actions[i % actions.length],
      issueKey: `SUP-${1200 + ((i * 7) % 350)}`,
      summary: `Customer cannot export report #${100 + i} from the billing dashboard`,
    };
    const bytes = Buffer.byteLength(JSON.stringify([...entries, entry]), 'utf8');
    if (bytes > NEAR_LIMIT_TARGET_BYTES) return entries;
    entries.push(entry);
  }
}

const { admin, alice, bob, carol, dmitri } = DEMO_USERS;

export const DEMO_PROPERTIES: ReadonlyArray<DemoProperty> = [
  {
    accountId: admin.accountId,
    key: 'com.atlassian.jira.mobile.settings',
    value: { pushNotifications: true, quietHours: { start: '22:00', end: '07:00' }, defaultBoard: 42 },
  },
  {
    accountId: admin.accountId,
    key: 'navigation_next_ui_state',
    value: { isCollapsed: false, productNavWidth: 240, lastVisitedProject: 'OPS' },
  },
  { accountId: admin.accountId, key: 'onboarding', value: { completedTours: ['admin-welcome', 'user-management'], dismissed: true } },
  { accountId: admin.accountId, key: 'costCenter', value: 'CC-1000' },
  { accountId: admin.accountId, key: 'team', value: 'IT Operations' },
  {
    accountId: alice.accountId,
    key: 'myapp.preferences',
    value: {
      theme: 'dark',
      density: 'compact',
      notifications: { email: { mentions: true, digest: 'daily' }, inApp: true, mutedProjects: ['LEGACY', 'OPS'] },
      pinnedDashboards: [10010, 10023],
      recentSearches: ['assignee = currentUser() AND resolution = Unresolved', 'project = WEB ORDER BY updated DESC'],
      shortcuts: [
        { keys: 'g d', action: 'dashboards' },
        { keys: 'g i', action: 'issues' },
      ],
      beta: null,
    },
  },
  { accountId: alice.accountId, key: 'navigation_next_ui_state', value: { isCollapsed: true, productNavWidth: 304 } },
  { accountId: alice.accountId, key: 'onboarding', value: { completedTours: ['welcome'], dismissed: false, step: 3 } },
  { accountId: alice.accountId, key: 'costCenter', value: 'CC-4102' },
  { accountId: alice.accountId, key: 'team', value: 'Platform' },
  { accountId: bob.accountId, key: 'myapp.history', value: bobHistory() },
  { accountId: bob.accountId, key: 'team', value: 'Support' },
  { accountId: bob.accountId, key: 'costCenter', value: 'CC-2207' },
  { accountId: carol.accountId, key: 'team', value: 'Design' },
  {
    accountId: dmitri.accountId,
    key: 'myapp.preferences',
    value: {
      theme: 'light',
      greeting: 'Привет, мир! 👋',
      nickname: '迪米特里',
      tags: ['🚀', '数据', 'данные', 'café'],
      status: { emoji: '🎉', text: 'В отпуске до 15 января' },
    },
  },
  { accountId: dmitri.accountId, key: 'team', value: 'Платформа 🛠️' },
  { accountId: dmitri.accountId, key: 'costCenter', value: 'CC-3310' },
];

export type DemoGroupKey = 'administrators' | 'softwareUsers' | 'hrManagers' | 'teamLeads' | 'addonsAdmin';

export interface DemoGroup extends SimGroup {
  /** Account IDs of the seeded members. */
  members: readonly string[];
}

/** The group every Forge app user belongs to; it holds Administer Jira. The app user is not a row in `users`. */
export const APP_GROUP_NAME = 'atlassian-addons-admin';

// Fixed IDs (UUIDs, like Jira Cloud's) so tests and fixtures can refer to the seeded groups by ID.
export const DEMO_GROUPS: Readonly<Record<DemoGroupKey, DemoGroup>> = {
  administrators: {
    name: 'jira-administrators',
    groupId: '0f4e7b52-3c1d-4a8e-9b6f-2d5a8c1e7f30',
    members: [admin.accountId],
  },
  softwareUsers: {
    name: 'jira-software-users',
    groupId: '6a2c9d14-8e7f-4b3a-a5c1-9f0e2b4d6c71',
    members: Object.values(DEMO_USERS).map((user) => user.accountId),
  },
  hrManagers: {
    name: 'hr-managers',
    groupId: 'b3d81f6e-2a4c-4e9b-8d7a-5c1f3e0b9a42',
    members: [alice.accountId],
  },
  teamLeads: {
    name: 'team-leads',
    groupId: 'e9a05c37-6b1d-4f2e-b8c4-7d3a1f5e2b83',
    members: [bob.accountId],
  },
  addonsAdmin: {
    name: APP_GROUP_NAME,
    groupId: '4c7e2a91-d5b3-4f8a-9e6c-1b0d7f3a5e24',
    members: [],
  },
};

function seedDemoGroups(store: SimStore): void {
  for (const group of Object.values(DEMO_GROUPS)) {
    store.addGroup(group.name, group.groupId);
    for (const accountId of group.members) if (store.getUser(accountId)) store.addMember(group.name, accountId);
  }
}

/**
 * Inserts the demo site when the store has no users; returns whether it did. A database written before the
 * simulator had groups (users, but group tables created just now) gets the demo groups for whichever demo users it has;
 * one written before profile visibility gets the demo users' email visibility.
 */
export function seedDemoSite(store: SimStore): boolean {
  return store.inTransaction(() => {
    if (store.countUsers() > 0) {
      if (store.groupTablesCreated && store.countGroups() === 0) seedDemoGroups(store);
      // A database from before profile visibility: its demo users get their seeded setting (the rest stay 'anyone').
      if (store.emailVisibilityAdded) {
        for (const user of Object.values(DEMO_USERS)) {
          if (store.getUser(user.accountId)) store.setEmailVisibility(user.accountId, user.emailVisibility);
        }
      }
      return false;
    }
    for (const user of Object.values(DEMO_USERS)) store.insertUser(user);
    for (const property of DEMO_PROPERTIES) store.setProperty(property.accountId, property.key, property.value);
    seedDemoGroups(store);
    return true;
  });
}
