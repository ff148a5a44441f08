import { canRead, mayWrite, Resource, WriteAct } from '@ikrar/access';
import { Decider, DomainCommand, DomainEvent } from '@ikrar/domain';
import { EventStore, EventToAppend, WrongExpectedRevisionError } from '@ikrar/event-store';
import { LoadedAggregate } from './aggregate-cache';
import { loadAggregate } from './aggregate-store';
import { CommandContext } from './command-context';
import { ConcurrencyExhaustedError, EntityNotFoundError, ForbiddenError, IdempotencyKeyReusedError, PreconditionFailedError } from './errors';
import { eventIdsFor } from './ids';

export interface CommandOutcome {
  readonly id: string;
  readonly streamId: string;
  /** The stream's revision after the command: the entity's new ETag. */
  readonly revision: number;
  /** Global log position the command's last event reached. */
  readonly position: number;
  /** True when this command created the entity. */
  readonly created: boolean;
}

export interface RunCommand<C extends DomainCommand, E extends DomainEvent, S> {
  readonly decider: Decider<C, E, S>;
  readonly schemaVersions: Record<string, number>;
  readonly entity: string;
  readonly id: string;
  readonly streamId: string;
  /** The command as decided on the state just loaded (re-built on every retry). */
  readonly command: (loaded: LoadedAggregate<NoInfer<S>>) => NoInfer<C>;
  /** `existing`: the entity must exist (404 otherwise); `new`: the command may create it. */
  readonly target: 'existing' | 'new';
  /** The act, as the authorization matrix names it. */
  readonly act: WriteAct;
  /** Where an existing entity lives (its forum and partners), from its state. */
  readonly locate: (state: NoInfer<S>, store: EventStore) => Promise<Resource>;
  /**
   * For a creation: where the new entity will live, as far as the caller can see its forum and
   * partners; `null` when what it references is unknown to the caller, so the decider refuses it
   * exactly as it refuses a reference to nothing.
   */
  readonly creates?: Resource | null;
  /** Business time of the fact when the command names one (a meeting's day); default: now. */
  readonly occurredAt?: Date;
}

const MAX_ATTEMPTS = 12;

/**
 * Load, decide, append with an explicit expected revision, return. Without `If-Match` a
 * concurrent write is absorbed by re-deciding on fresh state; with it, a stale revision is 412.
 * Under an idempotency key the event ids are deterministic, so a retried command finds its own
 * events in the stream and answers the first outcome instead of appending twice.
 */
export class CommandRunner {
  constructor(private readonly store: EventStore) {}

  async run<C extends DomainCommand, E extends DomainEvent, S>(
    spec: RunCommand<C, E, S>,
    ctx: CommandContext,
  ): Promise<CommandOutcome> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const loaded = await loadAggregate(this.store, spec.decider, spec.streamId);
      if (spec.target === 'existing' && !loaded.exists) throw new EntityNotFoundError(spec.entity, spec.id);
      const target = await this.visibleTarget(spec, loaded, ctx);
      const earlier = await this.earlierOutcome(spec, ctx);
      if (earlier) return earlier;
      if (ctx.expectedRevision !== null && ctx.expectedRevision !== loaded.revision) {
        throw new PreconditionFailedError(ctx.expectedRevision, loaded.revision);
      }
      // For partner and auditor users the decider's own "who may" rules speak first, naming the
      // rule; the matrix alone knows what an admin or a secretariat may not do (establish a forum,
      // write outside forums and partners), so for them it is asked before any business rule.
      const deciderSpeaks = ctx.principal.role === 'partner' || ctx.principal.role === 'auditor';
      if (!deciderSpeaks && !mayWrite(ctx.principal, spec.act, target)) throw new ForbiddenError(spec.act, ctx.principal.role);
      const events = spec.decider.decide(spec.command(loaded), loaded.state);
      if (deciderSpeaks && !mayWrite(ctx.principal, spec.act, target)) throw new ForbiddenError(spec.act, ctx.principal.role);
      const toAppend = this.envelope(spec, events, ctx);
      try {
        const result = await this.store.append(
          spec.streamId,
          toAppend,
          loaded.revision === -1 ? 'no_stream' : loaded.revision,
        );
        return {
          id: spec.id,
          streamId: spec.streamId,
          revision: result.nextExpectedRevision,
          position: result.position,
          created: loaded.revision === -1,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (ctx.expectedRevision !== null) {
          const actual = typeof error.actual === 'number' ? error.actual : -1;
          throw new PreconditionFailedError(ctx.expectedRevision, actual);
        }
        await backOff(attempt);
      }
    }
    throw new ConcurrencyExhaustedError(spec.streamId, MAX_ATTEMPTS);
  }

  /** Where the write lands; an existing entity the caller cannot see is "not found", exactly as if it did not exist. */
  private async visibleTarget<C extends DomainCommand, E extends DomainEvent, S>(
    spec: RunCommand<C, E, S>,
    loaded: LoadedAggregate<S>,
    ctx: CommandContext,
  ): Promise<Resource | null> {
    if (spec.target !== 'existing') return spec.creates ?? null;
    const target = await spec.locate(loaded.state, this.store);
    if (!canRead(ctx.principal, target)) throw new EntityNotFoundError(spec.entity, spec.id);
    return target;
  }

  /** The outcome of an earlier run of the same idempotent command, found by its event ids. */
  private async earlierOutcome<C extends DomainCommand, E extends DomainEvent, S>(spec: RunCommand<C, E, S>, ctx: CommandContext): Promise<CommandOutcome | null> {
    if (ctx.idempotencyKey === null) return null;
    const stream = await this.store.readStream(spec.streamId);
    const [firstId] = eventIdsFor(ctx, spec.streamId, 1);
    const first = stream.find((event) => event.eventId === firstId);
    if (!first) return null;
    if ((first.metadata.requestHash ?? null) !== ctx.requestHash) {
      throw new IdempotencyKeyReusedError(ctx.idempotencyKey);
    }
    const batch = stream.filter(
      (event) => event.metadata.idempotencyKey === ctx.idempotencyKey && event.metadata.actor.userId === ctx.actor.userId,
    );
    const last = batch[batch.length - 1] ?? first;
    return {
      id: spec.id,
      streamId: spec.streamId,
      revision: last.streamRevision,
      position: last.globalPosition,
      created: first.streamRevision === 0,
    };
  }

  private envelope<E extends DomainEvent>(
    spec: { streamId: string; schemaVersions: Record<string, number>; occurredAt?: Date },
    events: E[],
    ctx: CommandContext,
  ): EventToAppend[] {
    const ids = eventIdsFor(ctx, spec.streamId, events.length);
    return events.map((event, index) => ({
      eventId: ids[index],
      type: event.type,
      schemaVersion: spec.schemaVersions[event.type] ?? 1,
      data: event.data as Record<string, unknown>,
      metadata: {
        occurredAt: (spec.occurredAt ?? ctx.receivedAt).toISOString(),
        actor: ctx.actor,
        correlationId: ctx.correlationId,
        causationId: ctx.causationId,
        idempotencyKey: ctx.idempotencyKey,
        requestHash: ctx.requestHash,
      },
    }));
  }
}

function backOff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
