import type { ErrorBody, ExpectedState, PreferenceDefinition } from '../../shared/contract';
import { call } from '../shared/invoke';

export interface StoredNow {
  stored: ExpectedState;
  /** The key's definition now, if it still has one. */
  definition?: PreferenceDefinition;
}

/** What is stored for one of the caller's keys right now, read again after a conflict. */
export async function readStored(key: string): Promise<StoredNow | ErrorBody> {
  const answer = await call('getMyPreferences', undefined);
  if (!answer.success) return answer.error;
  const property = answer.data.properties.find((entry) => entry.key === key);
  return {
    stored: property ? { exists: true, value: property.value } : { exists: false },
    definition: answer.data.definitions.find((definition) => definition.key === key),
  };
}
