import type http from 'node:http';

/**
 * Forge refuses invoke payloads over 500 KB: the local runtime does, and logs it with the module and key. This
 * endpoint reads bodies well past that, so the runtime is what refuses, and stops only at what no page would send.
 */
const MAX_BODY_BYTES = 8_000_000;

/** The body was larger than MAX_BODY_BYTES: answer 413 (the rest of the body is not read into memory). */
export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body too large (more than ${MAX_BODY_BYTES} bytes)`);
  }
}

/**
 * Reads and parses a JSON body of at most MAX_BODY_BYTES (checked against Content-Length first, then counted as it
 * streams). Throws BodyTooLargeError, or SyntaxError for anything that is not JSON (including invalid UTF-8).
 */
export async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        cleanup();
        req.pause();
        reject(new BodyTooLargeError());
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
  const body = Buffer.concat(chunks, size);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new SyntaxError('request body is not valid UTF-8');
  }
  return JSON.parse(text);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
