// The one contract between the resolver and the frontends: resolver keys, payloads and answers.
// Imported by both sides; keep it free of runtime dependencies.

export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'NEEDS_AUTHENTICATION'
  | 'JIRA_ERROR'
  | 'INTERNAL_ERROR';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { success: true; data: T } | { success: false; error: ErrorBody };

export interface UserSummary {
  accountId: string;
  displayName: string;
  active: boolean;
  avatarUrl?: string;
  emailAddress?: string;
}

export interface Session {
  accountId: string;
  displayName: string;
  isAdmin: boolean;
  /** Keys the caller may manage on any user through a delegation (empty for admins and most users). */
  delegatedKeys: KeyRule[];
}

/** A key, or every key starting with a prefix. */
export interface KeyRule {
  match: 'exact' | 'prefix';
  value: string;
}

/** An admin-managed preference: how the personal settings page renders and validates one property key. */
export interface PreferenceDefinition {
  key: string;
  title: string;
  description: string;
  /** A JSON Schema (draft 2020-12 subset ajv supports) for the value. */
  schema: Record<string, unknown>;
  /** Shown, and restored by "reset to default", when the user has no value; must satisfy the schema. */
  defaultValue: unknown;
  /** Whether users may change it themselves from My preferences. */
  userEditable: boolean;
}

/** An admin grants a Jira group the right to manage some keys on every user, without making them Jira admins. */
export interface Delegation {
  id: string;
  groupId: string;
  groupName: string;
  keys: KeyRule[];
}

export interface AppConfig {
  definitions: PreferenceDefinition[];
  /** Whether users may also edit keys that have no definition, as raw JSON, from My preferences. */
  allowRawEditing: boolean;
  delegations: Delegation[];
  /** Days the history keeps an entry (default 180); older entries are purged daily. */
  historyRetentionDays: number;
}

export interface GroupSummary {
  groupId: string;
  name: string;
}

export interface MyPreferences {
  accountId: string;
  definitions: PreferenceDefinition[];
  allowRawEditing: boolean;
  /**
   * A first page of the caller's own stored properties (defined or not): the defined keys' values first, so the
   * forms show at once, then others. The rest, like an admin's open, come from getPropertyValues (no accountId).
   */
  properties: PropertyEntry[];
  /** The caller's listed keys not read yet, defined ones first, then in listing order (see PropertyPage). */
  remainingKeys: string[];
}

export interface PropertyEntry {
  key: string;
  /**
   * The value's JSON text exactly as Jira answered it: every digit of every number, the escapes, the key order and the
   * spacing inside the value as stored (Jira keeps the text it was sent; its answer may write non-ASCII characters as
   * \u00E9-style escapes). Edit this text and write it back as setProperty's `json`; send it as `expected.json`.
   * 'null' for an unreadable entry.
   */
  json: string;
  /**
   * UTF-8 bytes of `json`. Jira counts its 32,768-byte limit on the text it was sent: the same text, unless Jira's
   * answer escaped non-ASCII characters (each then counts 6 bytes per UTF-16 unit here).
   */
  bytes: number;
  /** Set when Jira lists the key but no request can address it (e.g. ".."): why. `json` is then 'null'. */
  unreadable?: string;
}

/**
 * One page of a user's properties. An open lists the keys once (listProperties, which also answers a first page of
 * values), then reads the rest a page at a time (getPropertyValues with the next keys of `remainingKeys`), so each
 * answer stays within Forge's limits (see src/domain/read-pages.ts) whatever the record holds.
 */
export interface PropertyPage {
  accountId: string;
  /**
   * Values read by this call. A key deleted since it was listed (Jira answers 404) is simply absent: it is neither
   * here nor in `remainingKeys`.
   */
  properties: PropertyEntry[];
  /**
   * Listed keys not read yet, in listing order: for a delegated manager only the keys they may manage. Empty when
   * the open is complete. Unreadable keys (`PropertyEntry.unreadable`) are never here: the listing answers them.
   */
  remainingKeys: string[];
}

export interface SetPropertyPayload {
  accountId?: string;
  key: string;
  /**
   * The value's JSON text, sent to Jira as it is (valid JSON, at most 32,768 UTF-8 bytes, nested at most 100 deep),
   * so every number keeps its digits. There is no way to send a JavaScript value: it would pass through doubles.
   */
  json: string;
  expected?: ExpectedState;
}

export interface SetPropertyResult {
  key: string;
  accountId: string;
  outcome: 'created' | 'updated';
  /** UTF-8 bytes of the JSON text sent (`json` as given). */
  bytes: number;
}

export interface DeletePropertyResult {
  key: string;
  accountId: string;
  deleted: true;
}

/**
 * What the caller believes is stored, sent with a write so an edit made in the meantime is not overwritten:
 * the write is refused with CONFLICT, and nothing is written, when the stored state differs.
 * `{ exists: true, json }` names the stored text the edit started from (a PropertyEntry's `json`). It matches when the
 * stored value is the same JSON value exactly, spelling aside (see jsonTextEqual in src/domain/json-equal.ts): members
 * in any order, numbers by exact decimal value (1.0 = 1 = 1e0, -0 = 0, but 12345678901234567890 ≠
 * 12345678901234567891), strings once unescaped.
 */
export type ExpectedState = { exists: false } | { exists: true; json: string };

export type JobKind = 'inventory' | 'find' | 'bulk';
/** `paused`: a bulk job its owner paused; its steps wait, parked, until resumeJob. */
export type JobState = 'queued' | 'running' | 'paused' | 'cancelled' | 'done' | 'failed';

/** Whom a bulk change visits: listed accounts, a group's members (paged), a finished find job's users, or everyone. */
export type BulkTarget = { accountIds: string[] } | { groupId: string } | { finder: string } | { all: true } | { import: string };

/** What a bulk change does to each user (see src/domain/bulk-plan.ts). */
export type BulkOperation =
  | { op: 'set'; key: string; json: string }
  /** RFC 7396 merge patch; `create`: also where the key does not exist yet. */
  | { op: 'merge'; key: string; json: string; create?: boolean }
  | { op: 'delete'; key: string }
  /** Copies the value to `to` where `to` does not exist, then deletes `key`. */
  | { op: 'rename'; key: string; to: string }
  /** Sets each listed user's values from a staged import (stageImport); a job's status lists the import's keys. */
  | { op: 'import'; keys: string[] };

/** One value of an import: whose, which key, and its JSON text. */
export type ImportItem = [accountId: string, key: string, json: string];

/** An import staged so far (stageImport): its size, and whether its last part is in. */
export interface ImportStage {
  importId: string;
  users: number;
  items: number;
  keys: string[];
  complete: boolean;
}

/**
 * What a bulk change did (or, in a dry run, would do) to one user: `conflict`, someone changed the value between the
 * plan and the write, so it was left as they made it; `refused`, the planned value is invalid or a rename would
 * overwrite another value; `failed`, Jira refused the user (deleted, say).
 */
export type BulkOutcome = 'create' | 'change' | 'delete' | 'unchanged' | 'refused' | 'conflict' | 'failed';

export type BulkCounts = Record<BulkOutcome, number>;

export interface BulkResult {
  accountId: string;
  outcome: BulkOutcome;
  reason?: string;
  /** An import's sample: the key its before and after are of (the first of the user's keys that changes). */
  key?: string;
  /** A dry run's samples only: the operation key's text before and after (a run's are in the history, by job id). */
  before?: string;
  after?: string;
}

/** A bulk job's own part of its status. */
export interface BulkStatus {
  dryRun: boolean;
  operation: BulkOperation;
  /** The target, as the owner gave it (a listed target by its size). */
  target:
    | { accountIds: number }
    | { groupId: string }
    | { finder: string }
    | { all: true }
    | { import: string; users: number }
    | { undoOf: string }
    | { retryOf: string };
  counts: BulkCounts;
  /** A dry run's first few users that would change, with their before and after. */
  samples: BulkResult[];
  /** The undo job started for this one, if any. */
  undoneBy?: string;
  /**
   * Its per-user results can be read (getJobResults), and a run undone or retried: once finished, or for a run that
   * stopped before it finished, once no step of it is still writing (seconds; a minute after a crashed step).
   */
  resultsReady: boolean;
}

/** A site-wide background job (Forge async events), as its owner follows it. */
export interface JobStatus {
  jobId: string;
  kind: JobKind;
  state: JobState;
  /** Users to visit: grows while the job still lists the site; final once `planned`. */
  total: number;
  planned: boolean;
  /** Users visited, those whose keys could not be read, and accounts that are not people (apps, customers). */
  done: number;
  failed: number;
  skipped: number;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  etaSeconds?: number;
  /** Why a job failed or stopped. */
  reason?: string;
  bulk?: BulkStatus;
}

export interface StartBulkPayload {
  kind: 'bulk';
  dryRun: boolean;
  target: BulkTarget;
  /** `{ op: 'import' }` goes with `target: { import }`: the values are the staged import's. */
  operation: Exclude<BulkOperation, { op: 'import' }> | { op: 'import' };
}

export interface StageImportPayload {
  /** Absent on the first part; then the id that part answered. */
  importId?: string;
  /** 0, 1, 2, …: each part once, in order. */
  part: number;
  /** Ordered by accountId; a user's values may run on into the next part. */
  items: ImportItem[];
  last: boolean;
}

/** A bulk job's per-user results, in pages; `outcome` keeps only those. */
export interface JobResultsPage {
  results: BulkResult[];
  cursor?: string;
}

export interface InventoryKey {
  key: string;
  /** Users having the key. */
  users: number;
  /** What owns it: Jira, a known app, or undefined when unknown (see src/domain/known-keys.ts). */
  owner?: string;
  /** Deep scans: bytes of every value of the key, and of the largest. */
  bytes?: { total: number; largest: number };
}

/** The last finished inventory: every key on the site's people, and how many have each. */
export interface Inventory {
  jobId: string;
  finishedAt: string;
  deep: boolean;
  /** People visited (accountType atlassian, active and inactive). */
  users: number;
  /** Users whose keys could not be read. */
  failed: number;
  keys: InventoryKey[];
}

export type FindUsersPayload =
  | { key: string; path?: string; value?: string; present?: boolean; scan?: boolean }
  | { jobId: string; cursor?: string };

export type FoundUsers =
  | { source: 'search' | 'scan'; users: UserSummary[]; cursor?: string }
  /** The query needs a scan: follow the job with getJob, then page the users with `{ jobId }`. */
  | { source: 'scan'; jobId: string };

/** By what right a write through the app was made. */
export type WriteAuthority = 'admin' | 'delegate' | 'self' | 'job';

/** One write the app made to a user property, as its history keeps it. */
export interface HistoryEntry {
  id: string;
  /** ISO time of the write. */
  at: string;
  actorAccountId: string;
  authority: WriteAuthority;
  accountId: string;
  key: string;
  operation: 'create' | 'update' | 'delete';
  /** The value's exact JSON text before and after (absent: the key did not exist). */
  before?: string;
  after?: string;
  principal: 'asUser' | 'asApp';
  moduleKey: string;
  jobId?: string;
  /** The entry this write restored (restoreVersion). */
  restoredFrom?: string;
  /**
   * `unconfirmed`: the app stopped, or lost Jira's answer, between sending the write and recording that Jira took it,
   * so the value may or may not have changed (see src/history/recorded-write.ts).
   */
  state: 'recorded' | 'unconfirmed';
}

export interface ListHistoryPayload {
  accountId?: string;
  key?: string;
  actorAccountId?: string;
  jobId?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
  cursor?: string;
}

/** Newest first. */
export interface HistoryPage {
  entries: HistoryEntry[];
  /** Display names of the people the entries name (actors and targets), as far as Jira shows them to the caller. */
  people: Record<string, string>;
  cursor?: string;
}

/** Resolver key → [payload, answer data]. */
export interface ResolverContract {
  getSession: [Record<string, never> | undefined, Session];
  searchUsers: [{ query: string }, UserSummary[]];
  getUser: [{ accountId?: string }, UserSummary];
  /** Lists the keys (once per open) and reads a first page of at most FIRST_PAGE_COUNT values. */
  listProperties: [{ accountId?: string }, PropertyPage];
  /**
   * Reads the values of up to PAGE_MAX_KEYS distinct listed keys, without listing again; stops early (the rest in
   * `remainingKeys`, a tail of `keys`) when the answer could pass its byte or time budget. Same rights as
   * listProperties: a key a delegated manager may not manage is FORBIDDEN, nothing read.
   */
  getPropertyValues: [{ accountId?: string; keys: string[] }, PropertyPage];
  /**
   * One key's value on 1–100 distinct users, for an export across users: Jira admins any key, delegated managers their
   * keys (FORBIDDEN otherwise, nothing read). `json` is the exact text, absent where the user has no such key; `error`
   * where Jira refused the user (a deleted account). In the order of `accountIds`, and a prefix of them when the time or
   * byte budget ran out: ask again for the rest.
   */
  readKeyValues: [{ key: string; accountIds: string[] }, { values: Array<{ accountId: string; json?: string; error?: string }> }];
  getProperty: [{ accountId?: string; key: string }, PropertyEntry];
  setProperty: [SetPropertyPayload, SetPropertyResult];
  deleteProperty: [{ accountId?: string; key: string; expected?: ExpectedState }, DeletePropertyResult];
  getMyPreferences: [Record<string, never> | undefined, MyPreferences];
  getAppConfig: [Record<string, never> | undefined, AppConfig];
  saveDefinition: [{ definition: PreferenceDefinition }, PreferenceDefinition];
  deleteDefinition: [{ key: string }, { key: string; deleted: true }];
  setAllowRawEditing: [{ allow: boolean }, { allowRawEditing: boolean }];
  /** Admins: how long the history keeps entries, in whole days (1–3,650). */
  setHistoryRetention: [{ days: number }, { historyRetentionDays: number }];
  searchGroups: [{ query: string }, GroupSummary[]];
  saveDelegation: [{ delegation: Omit<Delegation, 'id'> & { id?: string } }, Delegation];
  deleteDelegation: [{ id: string }, { id: string; deleted: true }];
  /**
   * Admins: starts a site-wide inventory; the owner is the caller (a find job starts from findUsers). Admins, and
   * delegates on their granted keys: starts a bulk change (a dry run first, to see its counts and samples).
   */
  startJob: [{ kind: 'inventory'; deep?: boolean } | StartBulkPayload, { jobId: string }];
  /** A job's progress; without `jobId`, the job (of `kind`, if given) started last (NOT_FOUND when there is none). */
  getJob: [{ jobId?: string; kind?: JobKind }, JobStatus];
  cancelJob: [{ jobId: string }, JobStatus];
  /** A bulk job's per-user results, 1,000 to a page. */
  getJobResults: [{ jobId: string; cursor?: string; outcome?: BulkOutcome }, JobResultsPage];
  /** A running bulk job stops taking users until resumeJob; what is in flight finishes. */
  pauseJob: [{ jobId: string }, JobStatus];
  resumeJob: [{ jobId: string }, JobStatus];
  /** A finished bulk job: a new job that restores each user's value from before it, where nobody changed it since. */
  undoJob: [{ jobId: string }, { jobId: string }];
  /** A finished bulk job: the same change again, as a new job, for the users it failed on. */
  retryJob: [{ jobId: string }, { jobId: string }];
  /**
   * Admins, and delegates on their granted keys: stores an import of `{ accountId: { key: value } }` part by part
   * (each part inside a resolver's 500 KB payload), every value checked as a single edit's is; then startJob's
   * `target: { import: importId }` dry-runs or runs it.
   */
  stageImport: [StageImportPayload, ImportStage];
  /** The last finished inventory (NOT_FOUND before the first one finishes). */
  getInventory: [Record<string, never> | undefined, Inventory];
  /**
   * Admins: the users having a key (`present`, default true) or not, or whose value of `key` holds `value` at `path`.
   * Answered at once through Jira's search where it can (a value query on a key without "." or "=", under its
   * 1,000-match cap); otherwise it starts a scan and answers `{ jobId }`; once that job is done, `{ jobId, cursor? }`
   * pages its users.
   */
  findUsers: [FindUsersPayload, FoundUsers];
  /**
   * The writes made through the app. Admins see every entry, a delegate those on keys they are granted, everyone the
   * entries on their own record (an omitted accountId from My preferences means the caller's own).
   */
  listHistory: [ListHistoryPayload, HistoryPage];
  /** Writes an entry's value (or its delete) again, if the value is still the last one the history recorded. */
  restoreVersion: [{ entryId: string }, SetPropertyResult | DeletePropertyResult];
}

export type ResolverKey = keyof ResolverContract;
export type PayloadOf<K extends ResolverKey> = ResolverContract[K][0];
export type DataOf<K extends ResolverKey> = ResolverContract[K][1];

export const RESOLVER_KEYS: readonly ResolverKey[] = [
  'getSession',
  'searchUsers',
  'getUser',
  'listProperties',
  'getPropertyValues',
  'readKeyValues',
  'getProperty',
  'setProperty',
  'deleteProperty',
  'getMyPreferences',
  'getAppConfig',
  'saveDefinition',
  'deleteDefinition',
  'setAllowRawEditing',
  'setHistoryRetention',
  'searchGroups',
  'saveDelegation',
  'deleteDelegation',
  'startJob',
  'getJob',
  'cancelJob',
  'getJobResults',
  'pauseJob',
  'resumeJob',
  'undoJob',
  'retryJob',
  'stageImport',
  'getInventory',
  'findUsers',
  'listHistory',
  'restoreVersion',
];

/** Module keys from manifest.yml; the resolver trusts `context.moduleKey`, never the payload. */
export const MODULE_KEYS = {
  adminPage: 'user-properties-admin',
  personalSettings: 'my-preferences',
} as const;
