import type Resolver from '@forge/resolver';
import { fail } from '../domain/envelope';
import { ValidationError } from '../domain/errors';
import type { ResolverKey } from '../shared/contract';

type DefinitionsHandler = ReturnType<Resolver['getDefinitions']>;

/**
 * The function handler, answering only the resolver keys the app defines itself. @forge/resolver looks a key up
 * with `in` on a plain object, so "constructor", "valueOf", "__proto__" and friends reach Object.prototype: one
 * echoed the whole invocation (payload, context, installContext), others threw raw JavaScript errors. Any key that
 * is not one of ours gets the envelope before @forge/resolver sees the call.
 */
export function ownKeysOnly(handler: DefinitionsHandler, keys: readonly ResolverKey[]): DefinitionsHandler {
  const own = new Set<string>(keys);
  return async (event, backendRuntimePayload) => {
    const functionKey: unknown = (event as { call?: { functionKey?: unknown } } | undefined)?.call?.functionKey;
    if (typeof functionKey !== 'string' || !own.has(functionKey)) {
      return fail(new ValidationError('This app has no such request. Reload the page and try again.'));
    }
    return handler(event, backendRuntimePayload);
  };
}
