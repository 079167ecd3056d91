import { kvs, type Filter } from '@forge/kvs';
import { StorageError } from '../domain/errors';

/** Conditions on the stored entity (a missing one is an empty value), as `new Filter<T>().and(…)` or `.or(…)` builds them. */
export type EntityCondition<T> = ReturnType<Filter<T>['and']> | ReturnType<Filter<T>['or']>;

const conditionFailed = (error: unknown) => (error as { code?: unknown } | undefined)?.code === 'CONDITIONAL_CHECK_FAILED';

/**
 * Sets a custom entity only if `conditions` hold of what is stored (a KVS transaction); false when they do not, so
 * whatever changed it meanwhile (a cancel, another delivery) wins. Any other failure is a StorageError.
 */
export async function setEntityIf<T>(entityName: string, key: string, value: T, conditions: EntityCondition<T>): Promise<boolean> {
  try {
    await kvs.transact().set(key, value, { entityName, conditions }).execute();
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw new StorageError('save', { cause: error });
  }
}
