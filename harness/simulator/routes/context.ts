import type { IncomingHttpHeaders } from 'node:http';
import type { AuthenticatedPrincipal } from '../auth';
import type { SimResponse } from '../http';
import type { SimStore } from '../store';
import type { SimPrincipal } from '../types';

export interface RequestContext {
  method: string;
  url: URL;
  /** Origin used for self and avatar links: the host the caller reached. */
  base: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  store: SimStore;
  /** Raw (still percent-encoded) captures of the route pattern. */
  params: string[];
}

export interface AuthedContext extends RequestContext {
  principal: AuthenticatedPrincipal;
}

/** For operations Jira documents as accessible anonymously: valid credentials or none at all. */
export interface OptionalAuthContext extends RequestContext {
  principal: SimPrincipal;
}

export type Handler<C extends RequestContext = AuthedContext> = (ctx: C) => SimResponse | Promise<SimResponse>;
