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
