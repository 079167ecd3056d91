import type { ErrorBody, ExpectedState, PreferenceDefinition } from '../../shared/contract';
import { call } from '../shared/invoke';

export interface StoredNow {
  stored: ExpectedState;
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
  return { stored: property ? { exists: true, value: property.value } : { exists: false }, definition };
}
