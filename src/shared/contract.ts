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
}

export interface PropertyEntry {
  key: string;
  value: unknown;
  /** UTF-8 bytes of the value's JSON serialisation, as Jira counts it against its 32,768-byte limit. */
  bytes: number;
}

export interface PropertyList {
  accountId: string;
  properties: PropertyEntry[];
}

export interface SetPropertyResult {
  key: string;
  accountId: string;
  outcome: 'created' | 'updated';
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
 */
export type ExpectedState = { exists: false } | { exists: true; value: unknown };

/** Resolver key → [payload, answer data]. */
export interface ResolverContract {
  getSession: [Record<string, never> | undefined, Session];
  searchUsers: [{ query: string }, UserSummary[]];
  getUser: [{ accountId?: string }, UserSummary];
  listProperties: [{ accountId?: string }, PropertyList];
  getProperty: [{ accountId?: string; key: string }, PropertyEntry];
  setProperty: [{ accountId?: string; key: string; value: unknown; expected?: ExpectedState }, SetPropertyResult];
  deleteProperty: [{ accountId?: string; key: string; expected?: ExpectedState }, DeletePropertyResult];
}

export type ResolverKey = keyof ResolverContract;
export type PayloadOf<K extends ResolverKey> = ResolverContract[K][0];
export type DataOf<K extends ResolverKey> = ResolverContract[K][1];

export const RESOLVER_KEYS: readonly ResolverKey[] = [
  'getSession',
  'searchUsers',
  'getUser',
  'listProperties',
  'getProperty',
  'setProperty',
  'deleteProperty',
];

/** Module keys from manifest.yml; the resolver trusts `context.moduleKey`, never the payload. */
export const MODULE_KEYS = {
  adminPage: 'user-properties-admin',
  personalSettings: 'my-preferences',
} as const;
