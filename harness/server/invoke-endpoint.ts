import type http from 'node:http';
import { InvokeRequestError, PlatformInvocationError, type InvokeRequest, type LocalRuntime } from '../runtime/local-runtime';
import { discardUnreadBody } from '../simulator/http';
import { BodyTooLargeError, readJsonBody, sendJson } from './read-json';

type AccountType = NonNullable<InvokeRequest['context']['accountType']>;

/** The values Forge puts in a resolver context's accountType. */
const ACCOUNT_TYPES: readonly AccountType[] = ['licensed', 'unlicensed', 'customer', 'anonymous'];

const SHAPE =
  'expected { "functionKey": string, "payload"?: any, "context": { "accountId"?: string, "moduleKey": string, "accountType"?: "licensed" | "unlicensed" | "customer" | "anonymous" } }';

function parseInvokeRequest(body: unknown): InvokeRequest {
  const request = body as Partial<InvokeRequest> | null;
  if (!request || typeof request !== 'object' || typeof request.functionKey !== 'string' || typeof request.context?.moduleKey !== 'string') {
    throw new InvokeRequestError(SHAPE);
  }
  const { accountId, accountType } = request.context as { accountId?: unknown; accountType?: unknown };
  if (accountId !== undefined && typeof accountId !== 'string') throw new InvokeRequestError('context.accountId must be a string');
  if (accountType !== undefined && !ACCOUNT_TYPES.includes(accountType as AccountType)) {
    throw new InvokeRequestError(`context.accountType must be one of ${ACCOUNT_TYPES.join(', ')}`);
  }
  // As the platform sends it: an anonymous caller has no account, every other kind of caller has one.
  if (accountType === 'anonymous' && accountId !== undefined) throw new InvokeRequestError('an anonymous context has no accountId');
  if (accountType !== undefined && accountType !== 'anonymous' && accountId === undefined) {
    throw new InvokeRequestError(`a ${String(accountType)} context needs an accountId`);
  }
  return {
    functionKey: request.functionKey,
    payload: request.payload,
    context: { accountId, moduleKey: request.context.moduleKey, ...(accountType === undefined ? {} : { accountType: accountType as AccountType }) },
  };
}

/**
 * POST /__forge/invoke: what the Forge platform does when a frontend calls `invoke`. The context stands for the
 * platform's own knowledge of who is logged in, as which kind of account, and which module asked; it is local-only
 * by design. Without accountType the runtime assumes a licensed user (or anonymous without an accountId).
 */
export async function handleInvoke(runtime: LocalRuntime, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let request: InvokeRequest;
  try {
    request = parseInvokeRequest(await readJsonBody(req));
  } catch (error) {
    const status = error instanceof BodyTooLargeError ? 413 : 400;
    discardUnreadBody(req, res);
    return sendJson(res, status, { message: `bad invoke request: ${(error as Error).message}` });
  }
  try {
    sendJson(res, 200, await runtime.invoke(request));
  } catch (error) {
    // A resolver answers envelopes; reaching here means the platform refused or stopped the invocation (a Forge
    // limit, a function that threw) or the request named no such module.
    if (error instanceof PlatformInvocationError) return sendJson(res, error.status, { code: error.code, message: error.message });
    sendJson(res, error instanceof InvokeRequestError ? 400 : 500, { message: (error as Error).message });
  }
}
