import type * as http from 'node:http';
import { errorCollection } from './errors';

/** What a route answers; turned into bytes on the wire in one place (simulator.ts). */
export interface SimResponse {
  status: number;
  /** A JSON body (sent as application/json). */
  json?: unknown;
  /**
   * A JSON body already written as text (sent as application/json byte for byte, never parsed or re-serialised): for
   * answers that embed a stored value raw, as Jira does with @JsonRawValue. Takes precedence over `json`.
   */
  jsonText?: string;
  /** A non-JSON body, e.g. an avatar image. */
  raw?: { body: string; contentType: string };
  headers?: Record<string, string>;
}

export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, json: body, headers };
}

/** An answer whose JSON body is given as text and sent as it is (see SimResponse.jsonText). */
export function jsonTextResponse(status: number, text: string, headers?: Record<string, string>): SimResponse {
  return { status, jsonText: text, headers };
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

/**
 * The largest request body the simulator reads: comfortably above the 32,768-byte property value limit, so a value a
 * little too long still gets Jira's 400 "too long" from the operation (routes/userProperties.ts says why 400), while
 * anything bigger is refused with 413 at the edge (declared too large: before reading; streamed past it: as soon as the
 * count passes it). Atlassian documents no body size limit for these operations and the OpenAPI document gives them no
 * 413, so this cap is the simulator's own protection, modelled on Atlassian's front ends, which answer oversized bodies
 * with 413 Payload Too Large before the product sees them (e.g. the GraphQL gateway's "must not exceed 512000 bytes",
 * quoted in Flagsmith/flagsmith#3350). As an edge answer it is exempt from the operation's contract check.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export type BodyRead = { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'incomplete' };

/** Reads the request body, at most `limit` bytes; never buffers more than that whatever the client sends. */
export function readBody(req: http.IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<BodyRead> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve({ kind: 'too-large' });
  if (req.readableEnded) return Promise.resolve({ kind: 'ok', body: Buffer.alloc(0) });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onIncomplete);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading: the rest is discarded after the answer (discardUnreadBody), never kept.
        req.pause();
        chunks.length = 0;
        settle({ kind: 'too-large' });
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => settle({ kind: 'ok', body: Buffer.concat(chunks, size) });
    const onIncomplete = () => settle({ kind: 'incomplete' });
    const onClose = () => {
      if (!req.complete) onIncomplete();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onIncomplete);
    req.on('close', onClose);
  });
}

const LINGER_MS = 2000;
const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * For an answer sent before the client finished sending its body (401, 413, 404, … decided without reading it): the
 * rest of the body is read and thrown away, so the client can read the answer instead of meeting a connection reset
 * (closing a socket with unread input makes the kernel send RST, which can destroy the answer in flight). After
 * LINGER_BYTES more bytes, or LINGER_MS after the answer went out, the connection is closed: an endless upload cannot
 * hold it. Nothing is kept in memory. Call it before writing the answer.
 */
export function discardUnreadBody(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.complete) return;
  let discarded = 0;
  let answered = false;
  let timer: NodeJS.Timeout | undefined;
  const close = () => {
    if (timer) clearTimeout(timer);
    if (!req.complete) req.socket?.destroy();
  };
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES && answered) close();
  };
  req.on('data', onData);
  req.once('end', () => timer && clearTimeout(timer));
  req.once('close', () => timer && clearTimeout(timer));
  res.once('finish', () => {
    answered = true;
    if (discarded > LINGER_BYTES) return close();
    timer = setTimeout(close, LINGER_MS);
    timer.unref();
  });
  req.resume();
}

export function writeResponse(res: http.ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let status = response.status;
  let payload: Buffer | undefined;
  if (response.jsonText !== undefined) {
    payload = Buffer.from(response.jsonText, 'utf8');
    headers['content-type'] = 'application/json;charset=UTF-8';
  } else if (response.json !== undefined) {
    let text: string;
    try {
      text = JSON.stringify(response.json);
    } catch (error) {
      // Only a simulator bug gets here (client input is bounded before it is kept): still an answer, not a crash.
      status = 500;
      text = JSON.stringify(errorCollection([`Internal server error. ${error instanceof Error ? error.message : String(error)}`]));
    }
    payload = Buffer.from(text, 'utf8');
    headers['content-type'] = 'application/json;charset=UTF-8';
  } else if (response.raw) {
    payload = Buffer.from(response.raw.body, 'utf8');
    headers['content-type'] = response.raw.contentType;
  }
  headers['content-length'] = String(payload?.length ?? 0);
  res.writeHead(status, headers);
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
