/**
 * A refusal of the local Forge KVS service. The service answers it as the real one does: a non-2xx status with a
 * `{ code, message }` JSON body, which `@forge/kvs` turns into a `ForgeKvsAPIError` carrying that code and message.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs/
 */
export class KvsError extends Error {
  override readonly name = 'KvsError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/** Schema-level problems with the request body. The service's generic answer (as the client's own tests show it). */
export function badRequest(detail: string): KvsError {
  return new KvsError(400, 'BAD_REQUEST', `Provided request body is invalid: ${detail}`);
}

/** Whatever a `get` finds nothing for. `@forge/kvs` turns this 404 into `undefined` (get) or success (delete). */
export function keyNotFound(): KvsError {
  return new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
}
