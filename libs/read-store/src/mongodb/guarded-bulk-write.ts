import { Collection } from 'mongodb';
import { DocumentWrite, DUPLICATE_KEY, duplicateKeyIndexes, StoredDocument } from './mongo-writes';

/**
 * Runs position-guarded writes (see `documentWrites`). Unordered, since the operations touch distinct
 * documents: one guard miss does not stop the others. Operations that failed with a duplicate key are retried
 * once: if another writer inserted the document in between, the retry updates it when it is older; a second
 * duplicate key means the stored document is at least as new, which is the guard saying no.
 */
export async function guardedBulkWrite(collection: Collection<StoredDocument>, operations: readonly DocumentWrite[]): Promise<void> {
  let pending = [...operations];
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    try {
      await collection.bulkWrite(pending, { ordered: false });
      return;
    } catch (error) {
      const misses = duplicateKeyIndexes(error);
      if (misses === null) throw error;
      if (attempt === 2) return;
      pending = misses.map((index) => pending[index]);
    }
  }
}

/** For idempotent upserts by `_id` that two processes may run at once: the loser's duplicate key is success. */
export async function ignoreDuplicateKey(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
  }
}
