// The platform side of a sandbox's __forge_fetch__: a loopback HTTP endpoint that stands for Forge's egress proxy.
// Each invocation gets a token; a request carrying it is answered by the runtime's forge fetch (scopes, principal,
// Jira or KVS) as that invocation's user and module. Tokens die with their invocation, and the sandbox never holds
// the simulator's secret, so the app's code cannot act as anyone the platform did not invoke it for.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROXY_CONTEXT_HEADER, PROXY_PATH_HEADER } from './child/invocation-protocol';
import type { ForgeFetchContext } from '../forge-fetch';

export interface ProxiedInvocation {
  accountId?: string;
  /** An invocation with no user at all (an async event consumer, a scheduled trigger): asUser() is refused even with an account id. */
  userless?: boolean;
  /** Counts the invocation's requests by where they went (`events`: the async events queue). */
  requests: { jira: number; kvs: number; events?: number };
}

export type PlatformFetch = (ctx: ForgeFetchContext, path: string, init: RequestInit, invocation: ProxiedInvocation) => Promise<Response>;

const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'authorization', PROXY_CONTEXT_HEADER, PROXY_PATH_HEADER]);

async function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'forge-proxy-error': 'INVALID_TOKEN' });
  res.end(JSON.stringify({ code: status, message }));
}

export async function startPlatformProxy(platformFetch: PlatformFetch) {
  const invocations = new Map<string, ProxiedInvocation>();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const invocation = token ? invocations.get(token) : undefined;
    const body = await readBody(req);
    if (!invocation) return refuse(res, 401, 'the invocation this request belongs to is over (or never was)');
    let ctx: ForgeFetchContext;
    try {
      ctx = JSON.parse(String(req.headers[PROXY_CONTEXT_HEADER])) as ForgeFetchContext;
    } catch {
      return refuse(res, 400, `${PROXY_CONTEXT_HEADER} is not JSON`);
    }
    const path = String(req.headers[PROXY_PATH_HEADER] ?? '');
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_HEADERS.has(name) && value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    if (ctx.type === 'kvs') invocation.requests.kvs++;
    else if (ctx.remote === 'stargate') invocation.requests.events = (invocation.requests.events ?? 0) + 1;
    else invocation.requests.jira++;
    const response = await platformFetch(ctx, path, { method: req.method, headers, body: body ? new Uint8Array(body) : undefined }, invocation);
    const answer = Buffer.from(await response.arrayBuffer());
    const outgoing: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name) && name !== 'content-encoding') outgoing[name] = value;
    });
    res.writeHead(response.status, outgoing);
    res.end(answer);
  };

  const server = http.createServer((req, res) => {
    // The remote failed to answer at all (a dropped connection, a reset): the sandbox's fetch fails the same way,
    // so the app meets the network error it would meet, not an answer the remote never gave.
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    url,
    /** A token for one invocation; `revoke` when it is over. */
    open(invocation: ProxiedInvocation): { token: string; revoke(): void } {
      const token = randomBytes(24).toString('base64url');
      invocations.set(token, invocation);
      return { token, revoke: () => invocations.delete(token) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type PlatformProxy = Awaited<ReturnType<typeof startPlatformProxy>>;
