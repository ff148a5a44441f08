import { Writable } from 'node:stream';
import { Clock, writeChunks } from '@ikrar/application';
import { acceptCommitment, act, ntbScenario, pledgeCommitment } from '../support/fixtures';
import { startTestLedger, TestLedger } from '../support/ledger-app';

type Scenario = Awaited<ReturnType<typeof ntbScenario>>;
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

/** "Today" in Mataram is 15 April 2026: the first milestones (due 31 March) are overdue, the due dates (30 June) not yet. */
const clock: Clock = { now: () => new Date('2026-04-15T03:00:00Z') };

/** A strict RFC 4180 reader: records end in CRLF, quoted fields may hold commas, CRLF and doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  while (index < text.length) {
    if (text[index] === '"') {
      index++;
      for (;;) {
        if (index >= text.length) throw new Error('unterminated quoted field');
        if (text[index] === '"' && text[index + 1] === '"') {
          field += '"';
          index += 2;
        } else if (text[index] === '"') {
          index++;
          break;
        } else field += text[index++];
      }
    }
    if (text.startsWith('\r\n', index)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 2;
    } else if (text[index] === ',') {
      record.push(field);
      field = '';
      index++;
    } else if (index < text.length) {
      if (text[index] === '"' || text[index] === '\r' || text[index] === '\n') throw new Error(`bare ${JSON.stringify(text[index])} at ${index}`);
      field += text[index++];
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record not terminated by CRLF');
  return records;
}

/** Rows as objects keyed by the header. */
function table(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

/** Collects a streamed body as text, whatever its media type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const buffered = (res: any, callback: (error: Error | null, body: string) => void) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (body += chunk));
  res.on('end', () => callback(null, body));
};

describe('GET /audit/export', () => {
  let ledger: TestLedger;
  let ntb: Scenario;
  let tricky: string;
  let plain: string;
  const awkward = 'Dana CSR, "PMT" untuk ibu hamil\r\nTahap 1, Mataram';

  beforeAll(async () => {
    ledger = await startTestLedger({ clock });
    ntb = await ntbScenario(ledger);
    tricky = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, { description: awkward });
    await acceptCommitment(ledger, tricky);
    await act(ledger, `/commitments/${tricky}/amendments`, { rationale: 'Anggaran CSR dipotong', changes: { quantity: 400, valueRupiah: 120_000_000 } });
    plain = await pledgeCommitment(ledger, ntb.agreementId, ntb.pkk, {
      description: '=HYPERLINK("http://example.invalid")',
      resourceType: 'personnel',
      quantity: 40,
      unit: 'kader',
      valueRupiah: 0,
      milestones: [
        { title: 'Pelatihan kader', dueDate: '2026-02-28' },
        { title: 'Posyandu aktif', dueDate: '2026-05-31' },
      ],
    });
    await acceptCommitment(ledger, plain);
    const { body: commitment } = await ledger.http.get(`/commitments/${plain}`).expect(200);
    await act(ledger, `/commitments/${plain}/milestones/${commitment.milestones[0].milestoneId}/met`, { metOn: '2026-02-20' });
    // Many more events than one page of the log, so the export must page through it.
    for (let batch = 0; batch < 3; batch++) {
      await ledger.store.append(
        `noise-${batch}`,
        Array.from({ length: 400 }, (_, i) => ({
          eventId: `00000000-0000-4000-8000-${String(batch * 1000 + i).padStart(12, '0')}`,
          type: 'TestNoise',
          schemaVersion: 1,
          data: { i },
          metadata: { occurredAt: new Date().toISOString(), actor: { userId: 'test', role: 'system' as const }, correlationId: 'noise', causationId: null, idempotencyKey: null },
        })),
        'no_stream',
      );
    }
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('NDJSON: one parseable envelope per line, as many lines as the log has events, in log order', async () => {
    const log = await ledger.store.readAll();
    expect(log.length).toBeGreaterThan(1200);
    const res = await ledger.auditor.get('/audit/export').query({ format: 'ndjson' }).buffer(true).parse(buffered).expect(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ikrar-events-2026-04-15.ndjson"');
    const text = res.body as string;
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(log.length);
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed.map((e) => e.globalPosition)).toEqual(log.map((e) => e.globalPosition));
    expect(parsed[0]).toEqual({
      eventId: log[0].eventId,
      type: 'PartnerRegistered',
      schemaVersion: log[0].schemaVersion,
      streamId: log[0].streamId,
      streamRevision: 0,
      globalPosition: log[0].globalPosition,
      occurredAt: log[0].metadata.occurredAt,
      recordedAt: log[0].recordedAt,
      actor: log[0].metadata.actor,
      correlationId: log[0].metadata.correlationId,
      causationId: log[0].metadata.causationId,
      idempotencyKey: null,
      data: log[0].data,
      hash: log[0].hash,
      previousHash: null,
    });
    // Every line carries the stored hash chain, so the export can be checked offline.
    expect(parsed.map((e) => [e.hash, e.previousHash])).toEqual(log.map((e) => [e.hash, e.previousHash]));
    // NDJSON is the default format.
    const byDefault = await ledger.auditor.get('/audit/export').buffer(true).parse(buffered).expect(200);
    expect(byDefault.body).toBe(text);
  });

  it('CSV commitments: a header and one RFC 4180 row per commitment; commas, quotes and line breaks survive', async () => {
    const res = await ledger.auditor.get('/audit/export').query({ format: 'csv', dataset: 'commitments' }).buffer(true).parse(buffered).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ikrar-commitments-2026-04-15.csv"');
    const text = res.body as string;
    // The quoting, byte for byte: enclosed in quotes, inner quotes doubled, the line break kept.
    expect(text).toContain('"Dana CSR, ""PMT"" untuk ibu hamil\r\nTahap 1, Mataram"');
    const rows = table(text);
    expect(rows).toHaveLength(2);
    const byId = Object.fromEntries(rows.map((row) => [row.commitmentId, row]));
    expect(byId[tricky]).toMatchObject({
      agreementId: ntb.agreementId,
      partnerId: ntb.bank,
      partnerName: 'PT Bank NTB Syariah',
      description: awkward,
      resourceType: 'funds',
      pledgedQuantity: '500',
      quantity: '400',
      pledgedValueRupiah: '150000000',
      valueRupiah: '120000000',
      status: 'accepted',
      dueDate: '2026-06-30',
      overdue: 'false',
      milestones: '1',
      milestonesMet: '0',
      reductions: '1',
      revision: '2',
    });
    // A description a spreadsheet would run as a formula is neutralised.
    expect(byId[plain].description).toBe(`'=HYPERLINK("http://example.invalid")`);
    expect(byId[plain]).toMatchObject({ partnerName: 'TP PKK Provinsi NTB', valueRupiah: '0', milestones: '2', milestonesMet: '1' });
  });

  it('CSV obligations: one row per milestone and per due date, with partner, status and overdue', async () => {
    const res = await ledger.auditor.get('/audit/export').query({ format: 'csv', dataset: 'obligations' }).buffer(true).parse(buffered).expect(200);
    const rows = table(res.body as string);
    expect(rows.map((row) => [row.commitmentId, row.obligation, row.title, row.dueDate, row.status, row.overdue])).toEqual([
      [tricky, 'milestone', 'Penyaluran tahap 1', '2026-03-31', 'open', 'true'],
      [tricky, 'commitment', awkward, '2026-06-30', 'accepted', 'false'],
      [plain, 'milestone', 'Pelatihan kader', '2026-02-28', 'met', 'false'],
      [plain, 'milestone', 'Posyandu aktif', '2026-05-31', 'open', 'false'],
      [plain, 'commitment', `'=HYPERLINK("http://example.invalid")`, '2026-06-30', 'accepted', 'false'],
    ]);
    expect(rows[0]).toMatchObject({ partnerId: ntb.bank, partnerName: 'PT Bank NTB Syariah', programme: 'stunting', commitmentStatus: 'accepted', metOn: '' });
    expect(rows[2].metOn).toBe('2026-02-20');
  });

  it('an empty ledger exports an empty NDJSON and a CSV with only its header', async () => {
    const empty = await startTestLedger({ clock });
    try {
      const ndjson = await empty.auditor.get('/audit/export').buffer(true).parse(buffered).expect(200);
      expect(ndjson.body).toBe('');
      const csv = await empty.auditor.get('/audit/export').query({ format: 'csv', dataset: 'obligations' }).buffer(true).parse(buffered).expect(200);
      expect(parseCsv(csv.body as string)).toEqual([expect.arrayContaining(['commitmentId', 'obligation', 'overdue'])]);
    } finally {
      await empty.close();
    }
  });

  it('refuses an unknown format or dataset, csv without a dataset and a dataset without csv, with 400 naming the parameter', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ format: 'xlsx' }, 'format'],
      [{ format: 'csv' }, 'dataset'],
      [{ format: 'csv', dataset: 'partners' }, 'dataset'],
      [{ format: 'ndjson', dataset: 'commitments' }, 'dataset'],
      [{ format: 'ndjson', since: '2026-01-01' }, 'since'],
    ];
    for (const [query, field] of cases) {
      const res = await ledger.auditor.get('/audit/export').query(query).expect(400);
      expect({ query, fields: fields(res) }).toEqual({ query, fields: [field] });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('writeChunks: streaming with backpressure', () => {
  it('reads the next page only when the sink has room, so a slow reader never makes the export buffer the log', async () => {
    let produced = 0;
    let written = 0;
    let maxAhead = 0;
    async function* pages() {
      for (let i = 0; i < 50; i++) {
        produced++;
        maxAhead = Math.max(maxAhead, produced - written);
        yield `${'x'.repeat(1000)}\n`;
      }
    }
    const slow = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        setTimeout(() => {
          written++;
          callback();
        }, 1);
      },
    });
    let started = 0;
    await writeChunks(pages(), slow, () => started++);
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(written).toBe(50);
    expect(started).toBe(1);
    expect(maxAhead).toBeLessThanOrEqual(2);
  });

  it('stops, without error, when the reader goes away', async () => {
    let produced = 0;
    async function* endless() {
      for (;;) {
        produced++;
        yield 'line\n';
      }
    }
    const sink = new Writable({ highWaterMark: 1, write: (_chunk, _encoding, callback) => setTimeout(callback, 5) });
    setTimeout(() => sink.destroy(), 30);
    await writeChunks(endless(), sink);
    expect(produced).toBeLessThan(50);
  });
});
