import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { CommandContext } from './command-context';

/** Fixed namespace so ids derived from idempotency keys are stable across processes and releases. */
const IKRAR_NAMESPACE = '6f1c2b1e-3f5a-5b8e-9c0d-2a7e4b9f1d03';

export function deterministicId(name: string): string {
  return uuidv5(name, IKRAR_NAMESPACE);
}

function keyScope(ctx: CommandContext): string | null {
  return ctx.idempotencyKey === null ? null : `${ctx.actor.userId}\u0000${ctx.idempotencyKey}`;
}

/**
 * The id of an entity a command creates. With an idempotency key it is derived from the key,
 * so a retry after a lost response addresses the same stream instead of creating a twin.
 */
export function newEntityId(ctx: CommandContext, kind: string): string {
  const scope = keyScope(ctx);
  return scope === null ? uuidv4() : deterministicId(`entity\u0000${kind}\u0000${scope}`);
}

/** Ids for the events of one decision; deterministic under an idempotency key. */
export function eventIdsFor(ctx: CommandContext, streamId: string, count: number): string[] {
  const scope = keyScope(ctx);
  return Array.from({ length: count }, (_, index) =>
    scope === null ? uuidv4() : deterministicId(`event\u0000${streamId}\u0000${scope}\u0000${index}`),
  );
}

/** Ids for sub-entities created by a command (milestones, meetings). */
export function childIds(ctx: CommandContext, parentId: string, kind: string, count: number): string[] {
  const scope = keyScope(ctx);
  return Array.from({ length: count }, (_, index) =>
    scope === null ? uuidv4() : deterministicId(`child\u0000${kind}\u0000${parentId}\u0000${scope}\u0000${index}`),
  );
}
