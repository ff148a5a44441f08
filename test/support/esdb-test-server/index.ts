import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { EventStore } from '@ikrar/event-store';
import { LogView } from './log-view';
import { ReceivedAppend, StreamsServiceHandlers } from './streams-service';

export { POSITION_OFFSET, POSITION_SCALE, toBackingPosition, toEsdbPosition } from './log-view';
export type { WireExpectedRevision } from './messages';
export type { ReceivedAppend } from './streams-service';

export interface EsdbTestServerOptions {
  /** The store that holds the events and decides expected revisions and idempotency. */
  readonly backing: EventStore;
  /**
   * Advertise Streams.BatchAppend in ServerFeatures, as EventStoreDB 21.10+ does:
   * the client then appends over the BatchAppend stream instead of Append.
   * Default false (the client uses the plain Append call).
   */
  readonly batchAppend?: boolean;
  /** Interleave synthetic system events in $all, as a real server has. Default true. */
  readonly systemEvents?: boolean;
  /**
   * Acknowledge appends without a position (`no_position`), as EventStoreDB does
   * for some idempotent replays. Default false.
   */
  readonly omitAppendPosition?: boolean;
  /**
   * Give stream reads their $all position, as EventStoreDB 22.6+ does. With false,
   * stream reads carry the "no position" value (2^64 - 1) older servers send. Default true.
   */
  readonly streamReadPositions?: boolean;
}

export interface EsdbTestServer {
  /** Connection string for the client: `esdb://127.0.0.1:<port>?tls=false`. */
  readonly url: string;
  readonly port: number;
  /** Every append received, in order, with the expected revision exactly as sent on the wire. */
  readonly appends: readonly ReceivedAppend[];
  lastAppend(): ReceivedAppend | undefined;
  /** Stops serving (open calls are cancelled); the backing store is left open. */
  stop(): Promise<void>;
}

/**
 * An in-process gRPC server speaking EventStoreDB's client protocol, built from
 * the client's own generated service definitions (streams.proto and
 * serverfeatures.proto), backed by any EventStore from our port.
 *
 * Implemented: ServerFeatures.GetSupportedMethods (what the client asks on first
 * append), Streams.Append, Streams.BatchAppend, Streams.Read for stream reads,
 * $all reads and $all catch-up subscriptions (confirmation, catch-up, caught-up,
 * live; filters with checkpoints). Not implemented (UNIMPLEMENTED): Delete,
 * Tombstone, stream subscriptions, gossip, persistent subscriptions, projections.
 */
export async function startEsdbTestServer(options: EsdbTestServerOptions): Promise<EsdbTestServer> {
  const view = new LogView(options.backing, options.systemEvents ?? true);
  const streams = new StreamsServiceHandlers(options.backing, view, {
    omitAppendPosition: options.omitAppendPosition ?? false,
    streamReadPositions: options.streamReadPositions ?? true,
  });
  const server = new Server();
  server.addService(StreamsService, streams.implementation());
  server.addService(ServerFeaturesService, {
    getSupportedMethods: (_call: unknown, callback: (error: null, response: SupportedMethods) => void) => {
      const methods = [
        ['event_store.client.streams.Streams', 'Read'],
        ['event_store.client.streams.Streams', 'Append'],
        ...(options.batchAppend ? [['event_store.client.streams.Streams', 'BatchAppend']] : []),
        ['event_store.client.server_features.ServerFeatures', 'GetSupportedMethods'],
      ].map(([service, method]) => new SupportedMethod().setServiceName(service!).setMethodName(method!));
      callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('23.10.0-ikrar-test-server'));
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });

  let stopped = false;
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    appends: streams.appends,
    lastAppend: () => streams.appends[streams.appends.length - 1],
    async stop() {
      if (stopped) return;
      stopped = true;
      server.forceShutdown();
      await streams.closeLiveSubscriptions();
    },
  };
}
