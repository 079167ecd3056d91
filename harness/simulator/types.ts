import type * as http from 'node:http';

export interface SimulatorOptions {
  /** SQLite file, or ':memory:' (the default). */
  dbPath?: string;
  /** Insert the demo site when the database has no users. Default true. */
  seed?: boolean;
  /** Secret the local Forge runtime sends with x-forge-secret. Default: random per simulator. */
  forgeSecret?: string;
  /** Check every request and response against the OpenAPI subset and record problems. Default false. */
  validateContract?: boolean;
  /**
   * Told of every exception thrown while handling a request: a simulator bug, since client input is answered with a
   * 4xx. The request is answered 500 (or its connection closed when the answer had already started). Default: logs the
   * error with console.error.
   */
  onInternalError?: (error: unknown, request: { method: string; url: string }) => void;
  /**
   * Adds this many generated users to the site (besides the demo users, even with `seed: false`): a deterministic mix
   * of account types, inactive users, names, group memberships and user properties (harness/simulator/site/). Same
   * count and seed, same site. A persisted database keeps what it has and gets only the missing users. Default 0.
   */
  siteUsers?: number;
  /** The seed of the generated users. Default 'jira-sim-site'. */
  siteSeed?: string;
  /** Jira's rate limits for the app's requests (rate-limiter.ts). Default: none (off). */
  rateLimits?: RateLimitOptions;
}

/** The rate limiter's settings; see rate-limiter.ts for the model and its sources. */
export interface RateLimitOptions {
  /** Points per hour for requests the app makes as itself (asApp). Default 10,000. */
  appQuotaPerHour?: number;
  /** Points per hour for the requests the app makes for one user (asUser), per user. Default 10,000. */
  userQuotaPerHour?: number;
  /** Points per hour for everything the app does, asApp and asUser together (the app's global pool). Default: none. */
  globalQuotaPerHour?: number;
  /** Requests per second per endpoint and method, all of the app's requests together. Default 100. */
  burstPerSecond?: number;
  /** The limiter's clock, in ms since the epoch (tests move it instead of waiting an hour). Default Date.now. */
  now?: () => number;
}

export type SimPrincipal = { kind: 'app' } | { kind: 'user'; accountId: string } | { kind: 'anonymous' };

/**
 * Who may see a user's email address: the Atlassian account's profile visibility setting for the field. `anyone`: every
 * caller (the public setting). `private`: only the user themself ("Only you and admins" in the profile, where "admins"
 * means organization admins in Atlassian Administration, not Jira's REST API: there even Jira admins and apps are not
 * given it). See render.ts for the rule and its sources.
 */
export type EmailVisibility = 'anyone' | 'private';

/**
 * The `accountType` Jira reports (the User schema's enum, less 'unknown'): 'atlassian' for people, 'app' for the
 * system accounts of apps (no email address, no sign-in), 'customer' for Jira Service Management customers.
 */
export type AccountType = 'atlassian' | 'app' | 'customer';

export interface SimUser {
  accountId: string;
  email: string;
  displayName: string;
  active: boolean;
  isAdmin: boolean;
  timeZone: string;
  locale: string;
  emailVisibility: EmailVisibility;
  /** Absent means 'atlassian'; users read from the store always have it. */
  accountType?: AccountType;
}

/** A Jira group. Names are unique case-insensitively; the ID is what stays put when a group is renamed. */
export interface SimGroup {
  groupId: string;
  name: string;
}

export interface LoggedRequest {
  seq: number;
  method: string;
  pathname: string;
  query: Record<string, string>;
  principal: SimPrincipal;
  /**
   * The status the client received; 0 when a drop fault destroyed the connection instead of answering
   * (see `dropped` and `handledStatus`).
   */
  status: number;
  /** Set only when a drop fault hit this request: which kind. */
  dropped?: DropFaultKind;
  /**
   * Set only for a `drop-after` request: the status the simulator produced (and then never sent). A 2xx here means
   * the request WAS applied although the client saw no answer.
   */
  handledStatus?: number;
}

/**
 * How a fault rule disturbs a request:
 * - `status` (the default): answers `status` instead of handling the request (nothing is applied);
 * - `drop-before`: destroys the connection without handling the request (nothing is applied, no answer);
 * - `drop-after`: handles the request fully (a write IS applied), then destroys the connection instead of answering.
 * Dropped requests are logged with status 0 and `dropped` set (see LoggedRequest).
 */
export type FaultKind = 'status' | 'drop-before' | 'drop-after';
export type DropFaultKind = Exclude<FaultKind, 'status'>;

interface FaultRuleMatch {
  /** How many matching requests the rule disturbs; counts down as they do. */
  times: number;
  /** Matching requests to let through, untouched, before the rule starts (default 0): a fault in mid-stream. */
  after?: number;
  method?: string;
  pathIncludes?: string;
}

export interface StatusFaultRule extends FaultRuleMatch {
  kind?: 'status';
  status: 429 | 500 | 502 | 503 | 504;
  /** Sent as Retry-After on a 429 or 503. */
  retryAfterSeconds?: number;
}

export interface DropFaultRule extends FaultRuleMatch {
  kind: DropFaultKind;
  status?: never;
  retryAfterSeconds?: never;
}

export type FaultRule = StatusFaultRule | DropFaultRule;

export interface SimulatorStore {
  /** The value parsed with JSON.parse (lossy: numbers become doubles); for assertions that compare meaning. */
  getProperty(accountId: string, key: string): unknown | undefined;
  /**
   * The value's JSON text exactly as stored: for a value written by PUT, the request body as sent, character for
   * character (the GET answer embeds it, with non-ASCII written as \u00E9-style escapes).
   */
  getPropertyJson(accountId: string, key: string): string | undefined;
  listKeys(accountId: string): string[];
  /** Every user's property keys (sorted), in one query: users without properties are absent. */
  keysByUser(): Map<string, string[]>;
  /** accountId → the stored JSON text of `key`, for every user who has that key, in one query. */
  valuesOfKey(key: string): Map<string, string>;
  /** Stores JSON.stringify(value): for seeds and tests (PUT stores the body text as sent). */
  setProperty(accountId: string, key: string, value: unknown): void;
  getUser(accountId: string): SimUser | undefined;
  listUsers(): SimUser[];
  /** Every group, sorted by name (case-insensitively). */
  listGroups(): SimGroup[];
  /** Looks a group up by name, case-insensitively as Jira does. */
  getGroupByName(name: string): SimGroup | undefined;
  getGroupById(groupId: string): SimGroup | undefined;
  /** The groups a user belongs to, sorted by name; [] for an unknown account. Read from the database on every call. */
  groupsOf(accountId: string): SimGroup[];
  /** The users in a group (active or not), in the order Jira pages them. Throws for an unknown group. */
  membersOf(groupName: string): SimUser[];
  /** Creates a group with a new UUID (or the given one). Throws when the name is empty, too long or taken. */
  addGroup(name: string, groupId?: string): SimGroup;
  /** Returns true when added, false when already a member. Throws for an unknown group or user. */
  addMember(groupName: string, accountId: string): boolean;
  /** Returns true when removed, false when not a member. Throws for an unknown group. */
  removeMember(groupName: string, accountId: string): boolean;
  /**
   * Grants or revokes Administer Jira (the user's isAdmin flag, which is what the simulator checks). Takes effect
   * on the next request. Returns true when the flag changed. Throws for an unknown user.
   */
  setAdmin(accountId: string, isAdmin: boolean): boolean;
  /** Changes who may see the user's email address. Returns true when it changed. Throws for an unknown user. */
  setEmailVisibility(accountId: string, visibility: EmailVisibility): boolean;
}

export interface Simulator {
  /** Answers one request; mountable inside another server (paths are the full /rest/api/3/... paths). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  /** Starts an HTTP server (127.0.0.1, port 0 by default) and returns its base URL, e.g. http://127.0.0.1:PORT. */
  listen(port?: number, host?: string): Promise<string>;
  /** Set by listen(); links use the Host the caller reached and fall back to this. */
  baseUrl: string | undefined;
  /** For a host server that mounts handle(): records its base URL (links still prefer the request's Host). */
  setBaseUrl(url: string): void;
  forgeSecret: string;
  requests: LoggedRequest[];
  contractViolations: string[];
  /** One line per exception caught while handling a request (see SimulatorOptions.onInternalError); [] when none. */
  internalErrors: string[];
  faults: { latencyMs: number; add(rule: FaultRule): void; clear(): void };
  /** The rate limiter: `configure(options)` turns it on with fresh budgets, `configure(undefined)` turns it off. */
  rateLimits: { readonly enabled: boolean; configure(options: RateLimitOptions | undefined): void };
  /** What `siteUsers` did when the simulator was created; undefined without it. */
  generatedSite: { added: number; total: number; ms: number } | undefined;
  store: SimulatorStore;
  close(): Promise<void>;
}
