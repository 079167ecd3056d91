import { StorageError } from '../domain/errors';

/**
 * Runs one Forge storage (KVS) call; a failure becomes the app's StorageError, which answers the caller a message it
 * can act on instead of KVS's own error.
 */
export async function inStorage<T>(what: 'read' | 'save', run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StorageError(what, { cause: error });
  }
}
