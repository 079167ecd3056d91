import type { ErrorBody, PreferenceDefinition } from '../../shared/contract';
import { call } from '../shared/invoke';

/**
 * What a card believes is stored, sent as a write's `expected`: the stored text exactly as Jira answered it, so a
 * change made elsewhere is noticed even when it is past double precision.
 */
export type StoredState = { exists: false } | { exists: true; json: string };

export interface StoredNow {
  stored: StoredState;
  /** The key's definition now, if it still has one. */
  definition?: PreferenceDefinition;
}

/**
 * What is stored for one of the caller's keys right now, read again after a conflict: the definitions and the
 * first page (defined keys first); a key listed beyond that page is read on its own.
 */
export async function readStored(key: string): Promise<StoredNow | ErrorBody> {
  const answer = await call('getMyPreferences', undefined);
  if (!answer.success) return answer.error;
  const definition = answer.data.definitions.find((d) => d.key === key);
  let property = answer.data.properties.find((entry) => entry.key === key);
  if (!property && answer.data.remainingKeys.includes(key)) {
    const page = await call('getPropertyValues', { keys: [key] });
    if (!page.success) return page.error;
    property = page.data.properties.find((entry) => entry.key === key);
  }
  return { stored: property ? { exists: true, json: property.json } : { exists: false }, definition };
}
