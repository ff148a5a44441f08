import { CommitmentEvent, CommitmentState, commitmentDecider, fold, partnerDecider, partnerStreamId } from '@ikrar/domain';
import { EventStore, RecordedEvent } from '@ikrar/event-store';
import { loadAggregate, upcast } from '../shared';
import { isCommitmentOverdue } from '../commitments/get-commitment';
import { CsvCell, csvRecord } from './csv';
import { toAuditEnvelope } from './envelope';
import { logPages, streamsStartedBy } from './log-pages';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const CSV_DATASETS = ['commitments', 'obligations'] as const;
export type CsvDataset = (typeof CSV_DATASETS)[number];

export interface ExportRequest {
  readonly format: ExportFormat;
  /** Required for `csv`. */
  readonly dataset?: CsvDataset;
  /** Calendar day (WIB) that derived columns such as `overdue` are computed for. */
  readonly today: string;
}

/**
 * An export in progress: `chunks` yields text a page at a time (read the log, write, read on),
 * so memory stays constant however long the ledger; `records` counts what was written so far
 * (events, or CSV rows without the header).
 */
export interface LedgerExport {
  readonly mediaType: string;
  readonly fileExtension: string;
  readonly chunks: AsyncIterable<string>;
  readonly records: () => number;
}

export function ledgerExport(store: EventStore, request: ExportRequest): LedgerExport {
  let records = 0;
  const count = (n: number) => {
    records += n;
  };
  if (request.format === 'ndjson') {
    return { mediaType: 'application/x-ndjson; charset=utf-8', fileExtension: 'ndjson', chunks: ndjsonChunks(store, count), records: () => records };
  }
  const dataset = request.dataset ?? 'commitments';
  const rows = dataset === 'commitments' ? commitmentRows(store, request.today) : obligationRows(store, request.today);
  const header = dataset === 'commitments' ? COMMITMENT_COLUMNS : OBLIGATION_COLUMNS;
  return { mediaType: 'text/csv; charset=utf-8; header=present', fileExtension: 'csv', chunks: csvChunks(header, rows, count), records: () => records };
}

/** The whole log, one envelope per line, exactly as stored (personal data stays sealed). */
async function* ndjsonChunks(store: EventStore, count: (n: number) => void): AsyncGenerator<string> {
  for await (const page of logPages(store)) {
    count(page.length);
    yield page.map((event) => `${JSON.stringify(toAuditEnvelope(event))}\n`).join('');
  }
}

/** The header goes out with the first rows, so a store that fails at once fails before anything is sent. */
async function* csvChunks(header: readonly string[], pages: AsyncIterable<CsvCell[][]>, count: (n: number) => void): AsyncGenerator<string> {
  let pending = csvRecord(header);
  for await (const rows of pages) {
    count(rows.length);
    yield pending + rows.map(csvRecord).join('');
    pending = '';
  }
  if (pending !== '') yield pending;
}

export const COMMITMENT_COLUMNS = [
  'commitmentId',
  'agreementId',
  'forumId',
  'partnerId',
  'partnerName',
  'description',
  'resourceType',
  'pledgedQuantity',
  'quantity',
  'unit',
  'pledgedValueRupiah',
  'valueRupiah',
  'regionCode',
  'programme',
  'startDate',
  'dueDate',
  'status',
  'acceptedOn',
  'closedOn',
  'outcome',
  'overdue',
  'milestones',
  'milestonesMet',
  'reductions',
  'amendments',
  'revision',
  'pledgedAt',
] as const;

export const OBLIGATION_COLUMNS = [
  'commitmentId',
  'partnerId',
  'partnerName',
  'programme',
  'regionCode',
  'obligation',
  'milestoneId',
  'title',
  'dueDate',
  'metOn',
  'commitmentStatus',
  'status',
  'overdue',
] as const;

interface ExportedCommitment {
  readonly state: CommitmentState;
  readonly revision: number;
  /** The pledge as recorded (the quantity first pledged). */
  readonly pledge: RecordedEvent;
}

/** Every commitment, discovered by its pledge in the log and folded from its whole stream. */
async function* commitments(store: EventStore): AsyncGenerator<ExportedCommitment[]> {
  for await (const streamIds of streamsStartedBy(store, ['CommitmentPledged'])) {
    yield Promise.all(
      streamIds.map(async (streamId) => {
        const events = await store.readStream(streamId);
        const state = fold(commitmentDecider, events.map((event) => upcast(event) as unknown as CommitmentEvent));
        return { state, revision: events[events.length - 1].streamRevision, pledge: events[0] };
      }),
    );
  }
}

/** Partner names, read once each (bounded by the number of partners, not of events). */
function partnerNames(store: EventStore): (partnerId: string | null) => Promise<string | null> {
  const names = new Map<string, Promise<string | null>>();
  return (partnerId) => {
    if (partnerId === null) return Promise.resolve(null);
    let name = names.get(partnerId);
    if (!name) {
      name = loadAggregate(store, partnerDecider, partnerStreamId(partnerId)).then((partner) => partner.state.name);
      names.set(partnerId, name);
    }
    return name;
  };
}

async function* commitmentRows(store: EventStore, today: string): AsyncGenerator<CsvCell[][]> {
  const nameOf = partnerNames(store);
  for await (const page of commitments(store)) {
    yield Promise.all(
      page.map(async ({ state, pledge, revision }): Promise<CsvCell[]> => {
        return [
          state.commitmentId,
          state.agreementId,
          state.forumId,
          state.partnerId,
          await nameOf(state.partnerId),
          state.description,
          state.resourceType,
          numberOrNull(pledge.data.quantity),
          state.quantity,
          state.unit,
          numberOrNull(pledge.data.valueRupiah),
          state.valueRupiah,
          state.regionCode,
          state.programme,
          state.startDate,
          state.dueDate,
          state.status,
          state.acceptedOn,
          state.closedOn,
          state.outcome,
          isCommitmentOverdue(state, today),
          state.milestones.length,
          state.milestones.filter((milestone) => milestone.metOn !== null).length,
          state.reductions.length,
          state.amendments.length,
          revision,
          pledge.recordedAt,
        ];
      }),
    );
  }
}

/** One row per obligation: each milestone, then the commitment's own due date. */
async function* obligationRows(store: EventStore, today: string): AsyncGenerator<CsvCell[][]> {
  const nameOf = partnerNames(store);
  for await (const page of commitments(store)) {
    const rows: CsvCell[][] = [];
    for (const { state } of page) {
      const partnerName = await nameOf(state.partnerId);
      const open = state.status === 'pledged' || state.status === 'accepted';
      const common = [state.commitmentId, state.partnerId, partnerName, state.programme, state.regionCode];
      for (const milestone of state.milestones) {
        const status = milestone.metOn !== null ? 'met' : open ? 'open' : 'closed';
        rows.push([...common, 'milestone', milestone.milestoneId, milestone.title, milestone.dueDate, milestone.metOn, state.status, status, status === 'open' && milestone.dueDate < today]);
      }
      rows.push([...common, 'commitment', null, state.description, state.dueDate, state.closedOn, state.status, state.status, isCommitmentOverdue(state, today)]);
    }
    yield rows;
  }
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
