import * as shared from '@eventstore/db-client/generated/shared_pb';
import * as streams from '@eventstore/db-client/generated/streams_pb';
import { EventToAppend, ExpectedRevision } from '@ikrar/event-store';
import { LogRecord } from './log-view';

/** Protobuf message builders and parsers for the Streams service (the client's own generated classes). */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class InvalidRequest extends Error {}

export function streamName(identifier: shared.StreamIdentifier | undefined): string {
  if (!identifier) throw new InvalidRequest('missing stream identifier');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(name: string): shared.StreamIdentifier {
  return new shared.StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
}

/** The server parses ids as GUIDs and hands them back in lower-case "D" format, as EventStoreDB does. */
export function parseUuid(uuid: shared.UUID | undefined): string {
  if (!uuid) throw new InvalidRequest('missing event id');
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const view = new DataView(new ArrayBuffer(16));
    view.setBigUint64(0, BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())));
    view.setBigUint64(8, BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())));
    const hex = Buffer.from(view.buffer).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const value = uuid.getString();
  if (!UUID_PATTERN.test(value)) throw new InvalidRequest(`event id ${JSON.stringify(value)} is not a UUID`);
  return value.toLowerCase();
}

export function uuidMessage(id: string, structured: boolean): shared.UUID {
  const uuid = new shared.UUID();
  if (!structured) return uuid.setString(id);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return uuid.setStructured(
    new shared.UUID.Structured()
      .setMostSignificantBits(BigInt.asIntN(64, view.getBigUint64(0)).toString())
      .setLeastSignificantBits(BigInt.asIntN(64, view.getBigUint64(8)).toString()),
  );
}

/** An expected revision as it arrived on the wire, recorded for assertions. */
export type WireExpectedRevision =
  | { readonly kind: 'revision'; readonly revision: string }
  | { readonly kind: 'no_stream' | 'any' | 'stream_exists' }
  | { readonly kind: 'unset' };

export function toPortExpected(wire: WireExpectedRevision): ExpectedRevision {
  switch (wire.kind) {
    case 'revision':
      return Number(wire.revision);
    case 'unset':
      // EventStoreDB rejects an append whose expected revision oneof is not set.
      throw new InvalidRequest('append without an expected stream revision');
    default:
      return wire.kind;
  }
}

export function appendOptionsExpected(options: streams.AppendReq.Options): WireExpectedRevision {
  const Case = streams.AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.REVISION:
      return { kind: 'revision', revision: options.getRevision() };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.ANY:
      return { kind: 'any' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'unset' };
  }
}

export function batchOptionsExpected(options: streams.BatchAppendReq.Options): WireExpectedRevision {
  const Case = streams.BatchAppendReq.Options.ExpectedStreamPositionCase;
  switch (options.getExpectedStreamPositionCase()) {
    case Case.STREAM_POSITION:
      return { kind: 'revision', revision: options.getStreamPosition() };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.ANY:
      return { kind: 'any' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'unset' };
  }
}

/**
 * A proposed message as an event for the backing store. ESDB keeps data and
 * custom metadata as opaque bytes; the backing store has typed fields, so the
 * JSON metadata is carried whole (schemaVersion split out) and rebuilt on read.
 */
export function toEventToAppend(
  message: streams.AppendReq.ProposedMessage | streams.BatchAppendReq.ProposedMessage,
): EventToAppend {
  const eventId = parseUuid(message.getId());
  const meta = message.getMetadataMap();
  const type = meta.get('type');
  if (!type) throw new InvalidRequest(`event ${eventId} has no type`);
  if (meta.get('content-type') !== 'application/json') {
    throw new InvalidRequest(`event ${eventId}: the test server stores application/json events only`);
  }
  const data = parseJsonObject(message.getData_asU8(), `data of event ${eventId}`);
  const custom = message.getCustomMetadata_asU8();
  const { schemaVersion, ...metadata } = custom.length ? parseJsonObject(custom, `metadata of event ${eventId}`) : {};
  return {
    eventId,
    type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data,
    metadata: metadata as unknown as EventToAppend['metadata'],
  };
}

function parseJsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new InvalidRequest(`${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRequest(`${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

const TICKS_PER_MS = 10_000n;

/** What a server sends for "no position": -1 as an unsigned 64-bit integer. */
const NO_POSITION = '18446744073709551615';

export function readEventResponse(record: LogRecord, structuredIds: boolean, withoutPosition = false): streams.ReadResp {
  const position = withoutPosition ? NO_POSITION : String(record.position);
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(record.eventId, structuredIds))
    .setStreamIdentifier(streamIdentifier(record.streamId))
    .setStreamRevision(String(record.revision))
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(Uint8Array.from(Buffer.from(record.data, 'utf8')))
    .setCustomMetadata(Uint8Array.from(Buffer.from(record.metadata, 'utf8')));
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', 'application/json')
    .set('created', (BigInt(record.createdMs) * TICKS_PER_MS).toString());
  const event = new streams.ReadResp.ReadEvent().setEvent(recorded);
  if (withoutPosition) event.setNoPosition(new shared.Empty());
  else event.setCommitPosition(position);
  return new streams.ReadResp().setEvent(event);
}

export function confirmationResponse(subscriptionId: string): streams.ReadResp {
  return new streams.ReadResp().setConfirmation(
    new streams.ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId),
  );
}

export function checkpointResponse(position: number): streams.ReadResp {
  return new streams.ReadResp().setCheckpoint(
    new streams.ReadResp.Checkpoint().setCommitPosition(String(position)).setPreparePosition(String(position)),
  );
}

export function caughtUpResponse(): streams.ReadResp {
  return new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp());
}

export function streamNotFoundResponse(name: string): streams.ReadResp {
  return new streams.ReadResp().setStreamNotFound(
    new streams.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name)),
  );
}
