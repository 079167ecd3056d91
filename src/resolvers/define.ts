import type Resolver from '@forge/resolver';
import type { Request } from '@forge/resolver';
import { fail, ok } from '../domain/envelope';
import type { DataOf, Envelope, ResolverKey } from '../shared/contract';
import { startInvocation, type Invocation } from './invocation';

export type ResolverBody<K extends ResolverKey> = (payload: unknown, invocation: Invocation) => Promise<DataOf<K>>;

/** Registers a resolver key whose answer is always the envelope: errors become `{ success: false }`, never a throw. */
export function defineResolver<K extends ResolverKey>(resolver: Resolver, key: K, body: ResolverBody<K>): void {
  resolver.define(key, async (request: Request): Promise<Envelope<DataOf<K>>> => {
    try {
      const invocation = startInvocation(request.context);
      return ok(await body(request.payload, invocation));
    } catch (error) {
      return fail(error);
    }
  });
}
