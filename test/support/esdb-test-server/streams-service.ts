import { randomUUID } from 'node:crypto';
import {
  handleBidiStreamingCall,
  handleClientStreamingCall,
  handleServerStreamingCall,
  Metadata,
  ServerWritableStream,
  ServiceError,
  status as GrpcStatus,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import * as codes from '@eventstore/db-client/generated/code_pb';
import * as shared from '@eventstore/db-client/generated/shared_pb';
import * as rpcStatus from '@eventstore/db-client/generated/status_pb';
import * as streams from '@eventstore/db-client/generated/streams_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { AppendResult, EventStore, EventSubscription, ExpectedRevision, WrongExpectedRevisionError } from '@ikrar/event-store';
import { domainRecord, LogRecord, LogView, toBackingPosition, toEsdbPosition } from './log-view';
import {
  appendOptionsExpected,
  batchOptionsExpected,
  caughtUpResponse,
  checkpointResponse,
  confirmationResponse,
  InvalidRequest,
  parseUuid,
  readEventResponse,
  streamName,
  streamNotFoundResponse,
  toEventToAppend,
  toPortExpected,
  WireExpectedRevision,
} from './messages';

/** What the server received for one append, as sent on the wire (for assertions in tests). */
export interface ReceivedAppend {
  readonly rpc: 'Append' | 'BatchAppend';
  readonly streamId: string;
  readonly expected: WireExpectedRevision;
  readonly eventIds: readonly string[];
}

type Filter = (record: LogRecord) => boolean;
type Bound = { readonly commit: number; readonly prepare: number };

const Options = streams.ReadReq.Options;
const MAX_COUNT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The Streams service over a LogView. Expected-revision checks and idempotency
 * are the backing store's; this layer only translates between the wire and the port.
 */
export class StreamsServiceHandlers {
  readonly appends: ReceivedAppend[] = [];
  private readonly liveSubscriptions = new Set<EventSubscription>();

  constructor(
    private readonly backing: EventStore,
    private readonly view: LogView,
    private readonly behaviour: { readonly omitAppendPosition: boolean; readonly streamReadPositions: boolean },
  ) {}

  implementation(): UntypedServiceImplementation {
    return {
      read: this.read,
      append: this.append,
      batchAppend: this.batchAppend,
      delete: unimplemented('Delete'),
      tombstone: unimplemented('Tombstone'),
    };
  }

  async closeLiveSubscriptions(): Promise<void> {
    await Promise.all([...this.liveSubscriptions].map((subscription) => subscription.close()));
  }

  // ---------------------------------------------------------------- Read

  private readonly read: handleServerStreamingCall<streams.ReadReq, streams.ReadResp> = (call) => {
    let cancelled = false;
    call.on('cancelled', () => {
      cancelled = true;
    });
    const isOpen = () => !cancelled;
    this.handleRead(call, isOpen).then(
      () => {
        if (isOpen()) call.end();
      },
      (error) => {
        if (isOpen()) call.emit('error', toServiceError(error));
      },
    );
  };

  private async handleRead(call: ServerWritableStream<streams.ReadReq, streams.ReadResp>, isOpen: () => boolean) {
    const options = call.request.getOptions();
    if (!options) throw new InvalidRequest('read without options');
    const structuredIds = options.getUuidOption()?.getContentCase() === Options.UUIDOption.ContentCase.STRUCTURED;
    const backwards = options.getReadDirection() === Options.ReadDirection.BACKWARDS;
    const subscription = options.getCountOptionCase() === Options.CountOptionCase.SUBSCRIPTION;
    const filter = options.getFilterOptionCase() === Options.FilterOptionCase.FILTER ? compileFilter(options.getFilter()!) : undefined;
    const send = (message: streams.ReadResp) => write(call, message, isOpen);

    switch (options.getStreamOptionCase()) {
      case Options.StreamOptionCase.STREAM: {
        if (subscription) throw new Unimplemented('subscriptions to a single stream');
        if (filter) throw new InvalidRequest('stream reads cannot be filtered');
        return this.readStream(options.getStream()!, count(options), backwards, structuredIds, send);
      }
      case Options.StreamOptionCase.ALL: {
        if (subscription) {
          if (backwards) throw new InvalidRequest('subscriptions read forwards');
          return this.subscribeToAll(options, filter, structuredIds, send, isOpen, call);
        }
        return this.readAll(options.getAll()!, count(options), backwards, filter, structuredIds, send);
      }
      default:
        throw new InvalidRequest('read without a stream option');
    }
  }

  private async readStream(
    stream: streams.ReadReq.Options.StreamOptions,
    maxCount: number,
    backwards: boolean,
    structuredIds: boolean,
    send: (message: streams.ReadResp) => Promise<void>,
  ) {
    const name = streamName(stream.getStreamIdentifier());
    const Case = Options.StreamOptions.RevisionOptionCase;
    let fromRevision: number | undefined;
    let nothing = false;
    switch (stream.getRevisionOptionCase()) {
      case Case.REVISION:
        fromRevision = Number(BigInt(stream.getRevision()) > MAX_COUNT ? MAX_COUNT : BigInt(stream.getRevision()));
        break;
      case Case.START:
        fromRevision = backwards ? 0 : undefined;
        break;
      case Case.END:
        nothing = !backwards; // forwards from the end: nothing yet
        break;
      default:
        throw new InvalidRequest('stream read without a revision option');
    }
    const events =
      nothing || maxCount === 0
        ? []
        : await this.backing.readStream(name, { direction: backwards ? 'backwards' : 'forwards', fromRevision, maxCount });
    if (events.length === 0) {
      const [any] = await this.backing.readStream(name, { direction: 'backwards', maxCount: 1 });
      if (!any) {
        await send(streamNotFoundResponse(name));
        return;
      }
    }
    for (const event of events) {
      await send(readEventResponse(domainRecord(event), structuredIds, !this.behaviour.streamReadPositions));
    }
  }

  private async readAll(
    all: streams.ReadReq.Options.AllOptions,
    maxCount: number,
    backwards: boolean,
    filter: Filter | undefined,
    structuredIds: boolean,
    send: (message: streams.ReadResp) => Promise<void>,
  ) {
    const Case = Options.AllOptions.AllOptionCase;
    const position = all.getAllOptionCase() === Case.POSITION ? bound(all.getPosition()!) : undefined;
    let records: AsyncGenerator<LogRecord> | undefined;
    switch (all.getAllOptionCase()) {
      case Case.START:
        records = backwards ? undefined : this.view.forwards(undefined, true);
        break;
      case Case.END:
        records = backwards ? this.view.backwards(undefined) : undefined;
        break;
      case Case.POSITION:
        // Forwards from a position includes it; backwards from a position excludes it (TFPos semantics).
        records = backwards ? this.view.backwards(position!.commit + 1) : this.view.forwards(position!.commit, true);
        break;
      default:
        throw new InvalidRequest('$all read without a position option');
    }
    if (!records || maxCount === 0) return;
    let sent = 0;
    for await (const record of records) {
      if (position && (backwards ? compare(record, position) >= 0 : compare(record, position) < 0)) continue;
      if (filter && !filter(record)) continue;
      await send(readEventResponse(record, structuredIds));
      if (++sent >= maxCount) return;
    }
  }

  private async subscribeToAll(
    options: streams.ReadReq.Options,
    filter: Filter | undefined,
    structuredIds: boolean,
    send: (message: streams.ReadResp) => Promise<void>,
    isOpen: () => boolean,
    call: ServerWritableStream<streams.ReadReq, streams.ReadResp>,
  ) {
    const all = options.getAll()!;
    const Case = Options.AllOptions.AllOptionCase;
    const checkpointEvery = Math.max(1, options.getFilter()?.getCheckpointintervalmultiplier() ?? 1);
    let from: Bound | undefined;
    let lastBacking: number | undefined;
    let catchUp = true;
    switch (all.getAllOptionCase()) {
      case Case.START:
        break;
      case Case.POSITION:
        from = bound(all.getPosition()!);
        lastBacking = toBackingPosition(from.commit) - 1;
        break;
      case Case.END:
        lastBacking = await this.view.lastBackingPosition();
        catchUp = false;
        break;
      default:
        throw new InvalidRequest('$all subscription without a position option');
    }

    await send(confirmationResponse(randomUUID()));
    let skipped = 0;
    const deliver = async (record: LogRecord) => {
      // Catch-up from a position is exclusive: the event at that position is the caller's checkpoint.
      if (from && compare(record, from) <= 0) return;
      if (filter && !filter(record)) {
        if (++skipped % checkpointEvery === 0) await send(checkpointResponse(record.position));
        return;
      }
      await send(readEventResponse(record, structuredIds));
    };

    if (catchUp) {
      for await (const record of this.view.forwards(from?.commit, false)) {
        if (!isOpen()) return;
        if (record.backing) lastBacking = Math.max(lastBacking ?? Number.NEGATIVE_INFINITY, record.backing.globalPosition);
        await deliver(record);
      }
    }
    await send(caughtUpResponse());

    const live = this.backing.subscribeToAll({ after: lastBacking });
    this.liveSubscriptions.add(live);
    const stop = () => void live.close();
    call.on('cancelled', stop);
    call.on('close', stop);
    try {
      for await (const event of live) {
        if (!isOpen()) break;
        for (const record of this.view.recordsFor(event)) await deliver(record);
      }
    } finally {
      this.liveSubscriptions.delete(live);
      await live.close();
    }
  }

  // ---------------------------------------------------------------- Append

  private readonly append: handleClientStreamingCall<streams.AppendReq, streams.AppendResp> = (call, callback) => {
    let options: streams.AppendReq.Options | undefined;
    const messages: streams.AppendReq.ProposedMessage[] = [];
    call.on('data', (request: streams.AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) messages.push(request.getProposedMessage()!);
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      this.completeAppend(options, messages).then(
        (response) => callback(null, response),
        (error) => callback(toServiceError(error)),
      );
    });
  };

  private async completeAppend(
    options: streams.AppendReq.Options | undefined,
    messages: streams.AppendReq.ProposedMessage[],
  ): Promise<streams.AppendResp> {
    if (!options) throw new InvalidRequest('append without options');
    const name = streamName(options.getStreamIdentifier());
    const wire = appendOptionsExpected(options);
    const events = messages.map(toEventToAppend);
    this.appends.push({ rpc: 'Append', streamId: name, expected: wire, eventIds: events.map((event) => event.eventId) });
    const expected = toPortExpected(wire);
    const outcome = await this.appendToBacking(name, events, expected);
    if ('result' in outcome) {
      const position = String(toEsdbPosition(outcome.result.position));
      const success = new streams.AppendResp.Success().setCurrentRevision(String(outcome.result.nextExpectedRevision));
      if (this.behaviour.omitAppendPosition) success.setNoPosition(new shared.Empty());
      else success.setPosition(new streams.AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
      return new streams.AppendResp().setSuccess(success);
    }
    const wrong = new streams.AppendResp.WrongExpectedVersion();
    const { actual } = outcome.conflict;
    if (typeof actual === 'number') wrong.setCurrentRevision(String(actual));
    else if (actual === 'no_stream') wrong.setCurrentNoStream(new shared.Empty());
    if (typeof expected === 'number') wrong.setExpectedRevision(String(expected));
    else if (expected === 'any') wrong.setExpectedAny(new shared.Empty());
    else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new shared.Empty());
    else wrong.setExpectedNoStream(new shared.Empty());
    return new streams.AppendResp().setWrongExpectedVersion(wrong);
  }

  private readonly batchAppend: handleBidiStreamingCall<streams.BatchAppendReq, streams.BatchAppendResp> = (call) => {
    const pending = new Map<string, { options?: streams.BatchAppendReq.Options; messages: streams.BatchAppendReq.ProposedMessage[] }>();
    let chain: Promise<void> = Promise.resolve();
    let open = true;
    call.on('cancelled', () => {
      open = false;
    });
    call.on('error', () => undefined);
    call.on('data', (request: streams.BatchAppendReq) => {
      const correlation = request.getCorrelationId();
      let key: string;
      try {
        key = parseUuid(correlation);
      } catch (error) {
        open = false;
        call.emit('error', toServiceError(error));
        return;
      }
      const entry = pending.get(key) ?? { messages: [] };
      if (request.hasOptions()) entry.options = request.getOptions();
      entry.messages.push(...request.getProposedMessagesList());
      if (!request.getIsFinal()) {
        pending.set(key, entry);
        return;
      }
      pending.delete(key);
      // One at a time, in arrival order, like a single writer.
      chain = chain
        .then(() => this.completeBatch(correlation!, entry.options, entry.messages))
        .then((response) => {
          if (open) call.write(response);
        });
    });
    call.on('end', () => {
      void chain.then(() => {
        if (open) call.end();
      });
    });
  };

  private async completeBatch(
    correlation: shared.UUID,
    options: streams.BatchAppendReq.Options | undefined,
    messages: streams.BatchAppendReq.ProposedMessage[],
  ): Promise<streams.BatchAppendResp> {
    const response = new streams.BatchAppendResp().setCorrelationId(correlation);
    try {
      if (!options) throw new InvalidRequest('batch append without options');
      response.setStreamIdentifier(options.getStreamIdentifier());
      const name = streamName(options.getStreamIdentifier());
      const wire = batchOptionsExpected(options);
      echoExpected(response, wire);
      const events = messages.map(toEventToAppend);
      this.appends.push({ rpc: 'BatchAppend', streamId: name, expected: wire, eventIds: events.map((event) => event.eventId) });
      const expected = toPortExpected(wire);
      const outcome = await this.appendToBacking(name, events, expected);
      if ('result' in outcome) {
        const position = String(toEsdbPosition(outcome.result.position));
        const success = new streams.BatchAppendResp.Success().setCurrentRevision(String(outcome.result.nextExpectedRevision));
        if (this.behaviour.omitAppendPosition) success.setNoPosition(new GoogleEmpty());
        else success.setPosition(new shared.AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
        return response.setSuccess(success);
      }
      const details = new shared.WrongExpectedVersion();
      const { actual } = outcome.conflict;
      if (typeof actual === 'number') details.setCurrentStreamRevision(String(actual));
      else if (actual === 'no_stream') details.setCurrentNoStream(new GoogleEmpty());
      if (typeof expected === 'number') details.setExpectedStreamPosition(String(expected));
      else if (expected === 'any') details.setExpectedAny(new GoogleEmpty());
      else if (expected === 'stream_exists') details.setExpectedStreamExists(new GoogleEmpty());
      else details.setExpectedNoStream(new GoogleEmpty());
      return response.setError(
        errorStatus(codes.Code.FAILED_PRECONDITION, outcome.conflict.message, details, 'event_store.client.WrongExpectedVersion'),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The client unpacks every error's details; an unrecognised type becomes an UnknownError carrying the message.
      return response.setError(
        errorStatus(
          error instanceof InvalidRequest ? codes.Code.INVALID_ARGUMENT : codes.Code.INTERNAL,
          message,
          new shared.BadRequest().setMessage(message),
          'event_store.client.BadRequest',
        ),
      );
    }
  }

  private async appendToBacking(
    streamId: string,
    events: Parameters<EventStore['append']>[1],
    expected: ExpectedRevision,
  ): Promise<{ result: AppendResult } | { conflict: WrongExpectedRevisionError }> {
    try {
      return { result: await this.backing.append(streamId, events, expected) };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || (error as Error)?.name === 'WrongExpectedRevisionError') {
        return { conflict: error as WrongExpectedRevisionError };
      }
      throw error;
    }
  }
}

// ---------------------------------------------------------------- helpers

class Unimplemented extends Error {}

function unimplemented(name: string) {
  return (_call: unknown, callback: (error: ServiceError) => void) =>
    callback(toServiceError(new Unimplemented(`the test server does not implement Streams.${name}`)));
}

function toServiceError(error: unknown): ServiceError {
  const code =
    error instanceof InvalidRequest
      ? GrpcStatus.INVALID_ARGUMENT
      : error instanceof Unimplemented
        ? GrpcStatus.UNIMPLEMENTED
        : GrpcStatus.INTERNAL;
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(message), { code, details: message, metadata: new Metadata() });
}

function errorStatus(code: codes.Code, message: string, details: { serializeBinary(): Uint8Array }, typeName: string) {
  const any = new Any();
  any.pack(details.serializeBinary(), typeName);
  return new rpcStatus.Status().setCode(code).setMessage(message).setDetails(any);
}

function echoExpected(response: streams.BatchAppendResp, wire: WireExpectedRevision): void {
  if (wire.kind === 'revision') response.setStreamPosition(wire.revision);
  else if (wire.kind === 'no_stream') response.setNoStream(new GoogleEmpty());
  else if (wire.kind === 'any') response.setAny(new GoogleEmpty());
  else if (wire.kind === 'stream_exists') response.setStreamExists(new GoogleEmpty());
}

function count(options: streams.ReadReq.Options): number {
  const value = BigInt(options.getCount());
  return Number(value > MAX_COUNT ? MAX_COUNT : value);
}

function bound(position: streams.ReadReq.Options.Position): Bound {
  return { commit: Number(position.getCommitPosition()), prepare: Number(position.getPreparePosition()) };
}

/** TFPos ordering: by commit, then prepare; a record's commit and prepare are equal here. */
function compare(record: LogRecord, position: Bound): number {
  if (record.position !== position.commit) return record.position < position.commit ? -1 : 1;
  if (record.position !== position.prepare) return record.position < position.prepare ? -1 : 1;
  return 0;
}

function compileFilter(options: streams.ReadReq.Options.FilterOptions): Filter {
  const Case = Options.FilterOptions.FilterCase;
  const onType = options.getFilterCase() === Case.EVENT_TYPE;
  const expression = onType ? options.getEventType() : options.getStreamIdentifier();
  if (!expression) throw new InvalidRequest('filter without an expression');
  const regex = expression.getRegex();
  const prefixes = expression.getPrefixList();
  const pick = (record: LogRecord) => (onType ? record.type : record.streamId);
  if (regex) {
    const pattern = new RegExp(regex);
    return (record) => pattern.test(pick(record));
  }
  return (record) => prefixes.some((prefix) => pick(record).startsWith(prefix));
}

/** Writes with backpressure; resolves once the message is buffered (or the call is gone). */
async function write(
  call: ServerWritableStream<streams.ReadReq, streams.ReadResp>,
  message: streams.ReadResp,
  isOpen: () => boolean,
): Promise<void> {
  if (!isOpen()) return;
  if (call.write(message)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
    call.on('close', done);
  });
}
