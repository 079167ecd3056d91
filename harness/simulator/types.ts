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
}

export type SimPrincipal = { kind: 'app' } | { kind: 'user'; accountId: string } | { kind: 'anonymous' };

export interface SimUser {
  accountId: string;
  email: string;
  displayName: string;
  active: boolean;
  isAdmin: boolean;
  timeZone: string;
  locale: string;
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
  status: number;
}

export interface FaultRule {
  status: 429 | 500 | 502 | 503 | 504;
  times: number;
  retryAfterSeconds?: number;
  method?: string;
  pathIncludes?: string;
}

export interface SimulatorStore {
  getProperty(accountId: string, key: string): unknown | undefined;
  listKeys(accountId: string): string[];
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
  faults: { latencyMs: number; add(rule: FaultRule): void; clear(): void };
  store: SimulatorStore;
  close(): Promise<void>;
}
