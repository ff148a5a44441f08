import { createLedgerProjection } from './ledger';
import type { Projection } from './projection';
import { createRolesProjection } from './roles';

export * from './projection';
export * from './errors';
export * from './draft';
export * from './payload';
export * from './define-projection';
export * from './ledger';
export * from './roles';
export * from './runner/project-batch';
export * from './runner/batch-pipeline';
export * from './runner/sole-writer-memory';
export * from './runner/batch-reader';
export * from './runner/rebuild';
export * from './runner/replay-as-of';
export * from './projector';

/** Every projection, in the order the runner applies them. */
export function createProjections(): Projection[] {
  return [createLedgerProjection(), createRolesProjection()];
}
