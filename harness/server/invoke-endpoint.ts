import type http from 'node:http';
import { InvokeRequestError, type InvokeRequest, type LocalRuntime } from '../runtime/local-runtime';
import { readJsonBody, sendJson } from './read-json';

function parseInvokeRequest(body: unknown): InvokeRequest {
  const request = body as Partial<InvokeRequest> | null;
  if (!request || typeof request.functionKey !== 'string' || typeof request.context?.moduleKey !== 'string') {
    throw new InvokeRequestError('expected { "functionKey": string, "payload"?: any, "context": { "accountId"?: string, "moduleKey": string } }');
  }
  const accountId = request.context.accountId;
  if (accountId !== undefined && typeof accountId !== 'string') throw new InvokeRequestError('context.accountId must be a string');
  return { functionKey: request.functionKey, payload: request.payload, context: { accountId, moduleKey: request.context.moduleKey } };
}

/**
 * POST /__forge/invoke: what the Forge platform does when a frontend calls `invoke`. The context stands for the
 * platform's own knowledge of who is logged in and which module asked; it is local-only by design.
 */
export async function handleInvoke(runtime: LocalRuntime, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let request: InvokeRequest;
  try {
    request = parseInvokeRequest(await readJsonBody(req));
  } catch (error) {
    return sendJson(res, 400, { message: `bad invoke request: ${(error as Error).message}` });
  }
  try {
    sendJson(res, 200, await runtime.invoke(request));
  } catch (error) {
    // A resolver answers envelopes; reaching here means the platform itself failed (unknown key, bad module).
    const status = error instanceof InvokeRequestError ? 400 : 500;
    sendJson(res, status, { message: (error as Error).message });
  }
}
