import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore } from '@ikrar/event-store';
import { startEsdbTestServer } from '../support/esdb-test-server';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The shared contract, run against the EventStoreDB adapter.
 *
 * With EVENTSTORE_URL set, against that server (see libs/event-store/README.md).
 * Without it, against the in-process gRPC test server: the real
 * @eventstore/db-client talks real gRPC to a server built from the client's own
 * protocol definitions and backed by the embedded SQLite store, once with the
 * plain Append call (servers without BatchAppend) and once with BatchAppend
 * (what the client uses against EventStoreDB 21.10 and later).
 */
const url = process.env.EVENTSTORE_URL;

if (url) {
  process.stdout.write(`EventStoreDB contract: running against the EventStoreDB server at EVENTSTORE_URL=${url}\n`);
  describeEventStoreContract(`EventStoreDB at ${url}`, async () => {
    const store = EventStoreDbEventStore.connect(url);
    return { store, teardown: () => store.close() };
  });
} else {
  process.stdout.write(
    'EventStoreDB contract: no EVENTSTORE_URL, running against the in-process gRPC test server ' +
      '(real @eventstore/db-client over real gRPC)\n',
  );
  for (const batchAppend of [false, true]) {
    describeEventStoreContract(
      `EventStoreDB adapter via the gRPC test server (${batchAppend ? 'BatchAppend' : 'Append'}, SQLite backing)`,
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'ikrar-esdb-contract-'));
        const backing = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
        const server = await startEsdbTestServer({ backing, batchAppend });
        const store = EventStoreDbEventStore.connect(server.url);
        return {
          store,
          teardown: async () => {
            await store.close();
            await server.stop();
            await backing.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    );
  }
}
