import { invoke } from '@forge/bridge';
import type { DataOf, Envelope, PayloadOf, ResolverKey } from '../../shared/contract';

/** Typed `invoke`: the resolver always answers an envelope; a bridge failure becomes one too. */
export async function call<K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<Envelope<DataOf<K>>> {
  try {
    return (await invoke(key, payload ?? {})) as Envelope<DataOf<K>>;
  } catch {
    return { success: false, error: { code: 'INTERNAL_ERROR', message: 'The app could not reach its backend. Reload the page and try again.' } };
  }
}
