// The user properties a generated user has: keys Jira itself writes, keys of several apps, a shared `costCenter` whose
// value has fields to search by, a few keys only a handful of users have (dots, unicode, spaces, `=`), and some large
// values (10–30 KB). Shares are per account type; each user draws independently.
import type { AccountType } from '../types';
import type { Rng } from './prng';
import { TEAMS } from './names';

export interface PropertyContext {
  rng: Rng;
  index: number;
  accountType: AccountType;
  isAdmin: boolean;
  region: 'AMER' | 'EMEA' | 'APAC';
}

interface PropertyKind {
  key: string;
  /** Probability per account type; absent: never. */
  share: Partial<Record<AccountType, number>>;
  /** Overrides `share` for this user (e.g. only a handful of indexes). */
  when?: (ctx: PropertyContext) => boolean;
  /** The value's JSON text. */
  json(ctx: PropertyContext): string;
}

const json = (value: unknown) => JSON.stringify(value);
const DAY = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 1);
const date = (rng: Rng) => new Date(EPOCH + rng.int(0, 640) * DAY + rng.int(0, 86_399) * 1000).toISOString();
const PROJECTS = ['OPS', 'WEB', 'SUP', 'HR', 'FIN', 'MOB', 'DATA'];

/** The cost centre codes `costCenter.code` takes, most common first. */
export const COST_CENTER_CODES: ReadonlyArray<readonly [string, number]> = [
  ['CC-4102', 24],
  ['CC-2207', 18],
  ['CC-3310', 16],
  ['CC-1000', 14],
  ['CC-5150', 12],
  ['CC-6021', 10],
  ['CC-7788', 6],
  ['CC-9001', 4],
];

/** An array of ASCII entries whose JSON text is between `min` and `max` bytes long. */
function largeArray(rng: Rng, min: number, max: number, entry: (i: number) => unknown): string {
  const target = rng.int(min, max);
  const parts: string[] = [];
  let bytes = 2;
  for (let i = 0; ; i++) {
    const text = json(entry(i));
    const added = text.length + (parts.length > 0 ? 1 : 0);
    if (bytes + added > target && bytes >= min) break;
    parts.push(text);
    bytes += added;
  }
  return `[${parts.join(',')}]`;
}

const KINDS: readonly PropertyKind[] = [
  // Jira's own (src/domain/known-keys.ts lists them as Jira's).
  {
    key: 'navigation_next_ui_state',
    share: { atlassian: 0.7 },
    json: ({ rng }) =>
      json({ isCollapsed: rng.chance(0.3), productNavWidth: rng.int(200, 400), ...(rng.chance(0.6) ? { lastVisitedProject: rng.pick(PROJECTS) } : {}) }),
  },
  {
    key: 'onboarding',
    share: { atlassian: 0.55 },
    json: ({ rng }) =>
      json({ completedTours: rng.some(['welcome', 'board-basics', 'backlog', 'automation-intro'], 0.5), dismissed: rng.chance(0.6), ...(rng.chance(0.3) ? { step: rng.int(1, 6) } : {}) }),
  },
  {
    key: 'com.atlassian.jira.mobile.settings',
    share: { atlassian: 0.15 },
    json: ({ rng }) => json({ pushNotifications: rng.chance(0.8), quietHours: { start: `${rng.int(19, 23)}:00`, end: `0${rng.int(5, 9)}:00` }, defaultBoard: rng.int(1, 120) }),
  },
  { key: 'jsw.board.preferences', share: { atlassian: 0.25 }, json: ({ rng }) => json({ lastBoardId: rng.int(1, 120), swimlanes: rng.pick(['none', 'assignee', 'epic', 'stories']), showEpics: rng.chance(0.5) }) },
  { key: 'greenhopper.rapidview.last-visited', share: { atlassian: 0.2 }, json: ({ rng }) => json({ rapidViewId: rng.int(1, 120), at: date(rng) }) },
  { key: 'jira.user.timezone.banner', share: { atlassian: 0.08 }, json: ({ rng }) => json({ dismissedAt: date(rng) }) },
  { key: 'sd.agent.queue.preferences', share: { atlassian: 0.05 }, json: ({ rng }) => json({ queueId: rng.int(1, 40), sort: rng.pick(['sla', 'created', 'priority']) }) },
  { key: 'sd.customer.portal.preferences', share: { customer: 0.4 }, json: ({ rng }) => json({ language: rng.pick(['en', 'de', 'es', 'ja']), lastPortal: rng.int(1, 8) }) },

  // Apps' keys.
  {
    key: 'com.acme.timesheets.settings',
    share: { atlassian: 0.3 },
    json: ({ rng }) =>
      json({ weekStart: rng.pick(['monday', 'sunday']), defaultHours: rng.pick([8, 7.5, 6]), reminders: { enabled: rng.chance(0.7), day: rng.pick(['fri', 'mon']) }, approver: rng.hex(24) }),
  },
  { key: 'com.acme.timesheets.lastSubmitted', share: { atlassian: 0.2 }, json: ({ rng }) => json(`2025-W${String(rng.int(1, 52)).padStart(2, '0')}`) },
  {
    key: 'com.acme.timesheets.history',
    share: { atlassian: 0.02 },
    json: ({ rng }) =>
      largeArray(rng, 10_000, 30_000, (i) => ({ week: `2024-W${String((i % 52) + 1).padStart(2, '0')}`, issueKey: `${rng.pick(PROJECTS)}-${rng.int(1, 4000)}`, hours: rng.int(1, 40), note: `logged from the timesheet grid, row ${i}` })),
  },
  {
    key: 'io.tempo.preferences',
    share: { atlassian: 0.25 },
    json: ({ rng }) => json({ workingDays: rng.some(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], 0.85), plan: { hoursPerDay: rng.pick([8, 7.5, 7]), flex: rng.chance(0.2) }, currency: rng.pick(['EUR', 'USD', 'GBP', 'JPY']) }),
  },
  {
    key: 'io.tempo.recent-worklogs',
    share: { atlassian: 0.1 },
    json: ({ rng }) => json(Array.from({ length: rng.int(5, 20) }, () => ({ issueKey: `${rng.pick(PROJECTS)}-${rng.int(1, 4000)}`, seconds: rng.int(1, 32) * 900, started: date(rng) }))),
  },
  {
    key: 'com.onresolve.scriptrunner.console.history',
    share: { atlassian: 0.03 },
    when: ({ rng, isAdmin, accountType }) => accountType === 'atlassian' && rng.chance(isAdmin ? 0.5 : 0.03),
    json: ({ rng }) => json(Array.from({ length: rng.int(1, 6) }, (_, i) => ({ script: `Issues.search('project = ${rng.pick(PROJECTS)}').each { it.update { setLabels('batch-${i}') } }`, ranAt: date(rng) }))),
  },
  { key: 'com.innovalog.jmwe.user-settings', share: { atlassian: 0.05 }, json: ({ rng }) => json({ editorTheme: rng.pick(['light', 'dark']), showHelp: rng.chance(0.5) }) },
  { key: 'com.acme.bot.state', share: { app: 0.5 }, json: ({ rng }) => json({ cursor: rng.hex(16), lastRun: date(rng), failures: rng.int(0, 3) }) },

  // Shared, with fields: `costCenter.code=CC-4102` finds people by it. A few still hold the old plain-string form.
  {
    key: 'costCenter',
    share: { atlassian: 0.65 },
    json: ({ rng, region }) => {
      const code = rng.weighted(COST_CENTER_CODES);
      if (rng.chance(0.03)) return json(code);
      return json({ code, region, ...(rng.chance(0.25) ? { validFrom: date(rng).slice(0, 10) } : {}) });
    },
  },
  { key: 'team', share: { atlassian: 0.4 }, json: ({ rng }) => json(rng.pick(TEAMS)) },

  // Oddities: keys only some users have, with dots, unicode, a space, an `=`, the longest allowed key.
  { key: 'legacy.migration.v1', share: {}, when: ({ index }) => index % 1499 === 42, json: ({ rng }) => json({ migratedAt: date(rng), from: 'server' }) },
  { key: 'préférences', share: { atlassian: 0.02 }, json: ({ rng }) => json({ thème: rng.pick(['sombre', 'clair']), densité: 'compacte' }) },
  { key: '設定.テーマ', share: { atlassian: 0.01 }, json: ({ rng }) => json(rng.pick(['ダーク', 'ライト'])) },
  { key: 'emoji.reaction.🎉', share: { atlassian: 0.005 }, json: ({ rng }) => json({ count: rng.int(1, 99) }) },
  { key: 'my prefs', share: { atlassian: 0.004 }, json: () => json({ note: 'written by a script that did not URL-encode keys' }) },
  { key: 'filter=default', share: { atlassian: 0.002 }, json: ({ rng }) => json(rng.int(10000, 19999)) },
  { key: `com.acme.reports.${'x'.repeat(255 - 'com.acme.reports.'.length)}`, share: {}, when: ({ index }) => index % 4999 === 7, json: () => json(true) },
];

/** Every key the mix can produce (for tests that want to know what is generated). */
export const GENERATED_KEYS: readonly string[] = KINDS.map((kind) => kind.key);

/** The user's properties, in the order of KINDS. */
export function propertiesFor(ctx: PropertyContext): Array<{ key: string; json: string }> {
  const out: Array<{ key: string; json: string }> = [];
  for (const kind of KINDS) {
    const has = kind.when ? kind.when(ctx) : ctx.rng.chance(kind.share[ctx.accountType] ?? 0);
    if (has) out.push({ key: kind.key, json: kind.json(ctx) });
  }
  return out;
}
