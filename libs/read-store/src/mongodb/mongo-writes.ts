import type { AnyBulkWriteOperation, Document, Filter } from 'mongodb';
import { CheckedChange } from '../changes';
import { ProjectionFailure } from '../port';

/**
 * The write side of the MongoDB adapter as plain data: which bulk operations a commit sends, and how a bulk
 * write error is read. Pure, so it is unit-tested without a server.
 */

/** Field holding the position guard: the document's own `position` when it has one, else the commit's. */
export const POSITION_FIELD = '_position';

/** A document as stored: its id as `_id`, plus the guard position. */
export interface StoredDocument {
  _id: string;
  [field: string]: unknown;
}

export type DocumentWrite = AnyBulkWriteOperation<StoredDocument>;
export const DUPLICATE_KEY = 11000;

export function toStored(change: Extract<CheckedChange, { op: 'upsert' }>, commitPosition: number): StoredDocument {
  return { _id: change.id, ...(JSON.parse(change.json) as Document), [POSITION_FIELD]: change.position ?? commitPosition };
}

export function fromStored<T>(stored: Document): T {
  const { _id, [POSITION_FIELD]: _position, ...doc } = stored;
  return doc as T;
}

/**
 * Bulk operations per collection. `changes` must be net changes (one per document), so their order does not
 * matter and the writes may run unordered.
 *
 * Guarded (no transactions): an upsert replaces the document only if the stored one is older
 * (`_position < p`). When the stored one is not older, the filter misses and the upsert tries to insert a
 * second `_id`, which fails with a duplicate key error: that error *is* the guard saying no. A delete is
 * guarded by the commit position: a document recreated by a later event survives a replayed delete.
 */
export function documentWrites(changes: readonly CheckedChange[], position: number, guarded: boolean): Map<string, DocumentWrite[]> {
  const byCollection = new Map<string, DocumentWrite[]>();
  for (const change of changes) {
    const operations = byCollection.get(change.collection) ?? [];
    byCollection.set(change.collection, operations);
    if (change.op === 'upsert') {
      const replacement = toStored(change, position);
      const filter: Filter<StoredDocument> = guarded ? { _id: change.id, [POSITION_FIELD]: { $lt: replacement[POSITION_FIELD] as number } } : { _id: change.id };
      operations.push({ replaceOne: { filter, replacement, upsert: true } });
    } else {
      const filter: Filter<StoredDocument> = guarded ? { _id: change.id, [POSITION_FIELD]: { $lt: position } } : { _id: change.id };
      operations.push({ deleteOne: { filter } });
    }
  }
  return byCollection;
}

export function failureId(generation: number, failure: ProjectionFailure): string {
  return `${generation}:${failure.projection}:${failure.globalPosition}:${failure.eventId}`;
}

/** Insert-if-absent by a deterministic `_id`, so a replayed batch records each failure once. */
export interface FailureDocument extends ProjectionFailure {
  _id: string;
  generation: number;
}

export function failureWrites(generation: number, failures: readonly ProjectionFailure[]): AnyBulkWriteOperation<FailureDocument>[] {
  return failures.map((failure) => ({
    updateOne: {
      filter: { _id: failureId(generation, failure) },
      update: { $setOnInsert: { generation, ...failure } },
      upsert: true,
    },
  }));
}

export function checkpointId(generation: number, projection: string): string {
  return `${generation}:${projection}`;
}

/** `$max`: a checkpoint never moves back, even if a stale commit slips past the replay check. */
export function checkpointUpdate(generation: number, projection: string, position: number, updatedAt: string): Document {
  return { $max: { position }, $set: { generation, projection, updatedAt } };
}

/**
 * Reads the error of an unordered bulk write. Returns the indexes of the operations that failed with a
 * duplicate key (guard misses, or an insert race with another writer: retried once), or null when anything
 * else failed (the caller rethrows).
 */
export function duplicateKeyIndexes(error: unknown): number[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const { writeErrors, writeConcernError } = error as { writeErrors?: unknown; writeConcernError?: unknown };
  if (writeConcernError) return null;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0) return null;
  const indexes: number[] = [];
  for (const writeError of list as Array<{ code?: unknown; index?: unknown }>) {
    if (writeError.code !== DUPLICATE_KEY || typeof writeError.index !== 'number') return null;
    indexes.push(writeError.index);
  }
  return indexes;
}

/**
 * Whether a `hello` reply allows multi-document transactions: a replica set member or a mongos, with
 * sessions. A standalone server has neither `setName` nor `msg: 'isdbgrid'`.
 */
export function supportsTransactions(hello: Document): boolean {
  const clustered = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
  return clustered && hello.logicalSessionTimeoutMinutes !== undefined && hello.logicalSessionTimeoutMinutes !== null;
}

/** The database named in the connection string's path, if any (`mongodb://host/ikrar?replicaSet=rs0` -> ikrar). */
export function databaseFromUrl(url: string): string | null {
  const match = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : null;
}
