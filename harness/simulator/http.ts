import type * as http from 'node:http';
import { errorCollection } from './errors';

/** What a route answers; turned into bytes on the wire in one place (simulator.ts). */
export interface SimResponse {
  status: number;
  /** A JSON body (sent as application/json). */
  json?: unknown;
  /** A non-JSON body, e.g. an avatar image. */
  raw?: { body: string; contentType: string };
  headers?: Record<string, string>;
}

export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, json: body, headers };
}

export function emptyResponse(status: number, headers?: Record<string, string>): SimResponse {
  return { status, headers };
}

export function errorResponse(
  status: number,
  message: string,
  errors: Record<string, string> = {},
  headers?: Record<string, string>,
): SimResponse {
  return { status, json: errorCollection([message], errors), headers };
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function writeResponse(res: http.ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let payload: Buffer | undefined;
  if (response.json !== undefined) {
    payload = Buffer.from(JSON.stringify(response.json), 'utf8');
    headers['content-type'] = 'application/json;charset=UTF-8';
  } else if (response.raw) {
    payload = Buffer.from(response.raw.body, 'utf8');
    headers['content-type'] = response.raw.contentType;
  }
  headers['content-length'] = String(payload?.length ?? 0);
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** A query parameter as a non-negative integer; undefined when present but not an integer. */
export function intParam(params: URLSearchParams, name: string, fallback: number): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** Tells a helper's early error answer apart from its ordinary result. */
export function isSimResponse(value: unknown): value is SimResponse {
  return typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'number';
}
