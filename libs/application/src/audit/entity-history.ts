import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Decider, DomainCommand, DomainEvent } from '@ikrar/domain';
import { Actor, EventStore, RecordedEvent } from '@ikrar/event-store';
import {
  agreementAggregate,
  commitmentAggregate,
  EntityNotFoundError,
  EVENT_STORE,
  forumAggregate,
  partnerAggregate,
  reportAggregate,
  roleAssignmentAggregate,
  upcast,
} from '../shared';

/** The URL segments of the entities an auditor can replay. */
export const AUDITED_ENTITIES = ['partners', 'forums', 'agreements', 'commitments', 'role-assignments', 'reports'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

export function isAuditedEntity(value: string): value is AuditedEntity {
  return (AUDITED_ENTITIES as readonly string[]).includes(value);
}

interface AnyAggregate {
  readonly decider: Decider<DomainCommand, DomainEvent, unknown>;
  readonly entity: string;
  readonly streamId: string;
}

const AGGREGATES: Record<AuditedEntity, (id: string) => AnyAggregate> = {
  partners: partnerAggregate as (id: string) => AnyAggregate,
  forums: forumAggregate as (id: string) => AnyAggregate,
  agreements: agreementAggregate as (id: string) => AnyAggregate,
  commitments: commitmentAggregate as (id: string) => AnyAggregate,
  'role-assignments': roleAssignmentAggregate as (id: string) => AnyAggregate,
  reports: reportAggregate as (id: string) => AnyAggregate,
};

/** One value a field held, and the fact that gave it that value. */
export interface FieldVersion {
  readonly value: unknown;
  readonly eventId: string;
  readonly eventType: string;
  readonly streamRevision: number;
  readonly recordedAt: string;
  readonly occurredAt: string;
  readonly actor: Actor;
}

/**
 * The versioned record (Open Contracting Data Standard): for each field path of the entity's
 * state, every value it ever had, oldest first, with the event that set it. Nested objects are
 * dotted paths (`contact.keyId`); arrays are whole values; a path that disappears gets `null`.
 */
export interface EntityHistory {
  readonly entity: AuditedEntity;
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly fields: Record<string, FieldVersion[]>;
}

export class GetEntityHistoryQuery extends Query<EntityHistory> {
  constructor(readonly entity: AuditedEntity, readonly id: string) {
    super();
  }
}

@QueryHandler(GetEntityHistoryQuery)
export class GetEntityHistoryHandler implements IQueryHandler<GetEntityHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ entity, id }: GetEntityHistoryQuery): Promise<EntityHistory> {
    const aggregate = AGGREGATES[entity](id);
    const events = await this.store.readStream(aggregate.streamId);
    if (events.length === 0) throw new EntityNotFoundError(aggregate.entity, id);
    return { entity, id, streamId: aggregate.streamId, revision: events[events.length - 1].streamRevision, fields: versionedRecord(aggregate.decider, events) };
  }
}

/** Folds the stream event by event with the same `evolve` as every other reader and diffs each state against the one before. */
export function versionedRecord<S>(decider: Pick<Decider<never, DomainEvent, S>, 'initialState' | 'evolve'>, events: readonly RecordedEvent[]): Record<string, FieldVersion[]> {
  const fields: Record<string, FieldVersion[]> = {};
  let state = decider.initialState();
  // Before the first event the entity did not exist: every path it then has is a first value.
  let before = new Map<string, string>();
  for (const event of events) {
    state = decider.evolve(state, upcast(event));
    const after = flatten(state);
    const paths = new Set([...after.keys(), ...before.keys()]);
    for (const path of paths) {
      const now = after.get(path);
      if (now === before.get(path)) continue;
      (fields[path] ??= []).push({
        value: now === undefined ? null : JSON.parse(now),
        eventId: event.eventId,
        eventType: event.type,
        streamRevision: event.streamRevision,
        recordedAt: event.recordedAt,
        occurredAt: event.metadata.occurredAt,
        actor: event.metadata.actor,
      });
    }
    before = after;
  }
  return fields;
}

/** Field path -> canonical JSON of its value (object keys sorted, so equal values compare equal). */
function flatten(state: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (value: unknown, path: string) => {
    if (isPlainObject(value) && (path === '' || Object.keys(value).length > 0)) {
      for (const [key, child] of Object.entries(value)) {
        if (child !== undefined) visit(child, path === '' ? key : `${path}.${key}`);
      }
      return;
    }
    out.set(path, canonicalJson(value));
  };
  visit(state, '');
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isPlainObject(item) ? Object.fromEntries(Object.keys(item).sort().map((key) => [key, item[key]])) : item,
  );
}
