import { authHeaders, BenchActor, partnerUser, secretariatOf } from '../support/auth';
import { call } from '../support/http';
import { load, LoadRequest, LoadResult } from '../support/load';

const JSON_TYPE = { 'content-type': 'application/json' };

interface Seeded {
  readonly agreementId: string;
  readonly forumId: string;
  /** Accepted commitments the load amends and reports on, each with the partner that pledged it. */
  readonly pool: Array<{ commitmentId: string; partnerId: string }>;
}

/** A forum, an agreement with eight parties and `poolSize` accepted commitments, all through the API. */
export async function seedCommandsLedger(base: string, poolSize: number): Promise<Seeded> {
  const partners: string[] = [];
  for (let i = 0; i < 8; i++) {
    const { id } = await call<{ id: string }>(base, 'POST', '/partners', { name: `Mitra bench ${i + 1}`, sector: i === 0 ? 'government' : 'business', regionCode: '52.71' });
    partners.push(id);
  }
  const { id: forumId } = await call<{ id: string }>(base, 'POST', '/forums', {
    name: 'Forum Kemitraan Kesehatan (bench)',
    regionCode: '52',
    programmes: ['stunting', 'phbs', 'posyandu'],
    secretariatPartnerId: partners[0],
  });
  const secretariat = secretariatOf([forumId]);
  const { id: agreementId } = await call<{ id: string }>(base, 'POST', '/agreements', {
    forumId,
    title: 'Kesepakatan kemitraan (bench)',
    text: 'Para pihak sepakat membagi tugas dan sumber daya untuk program prioritas.',
    partyPartnerIds: partners,
    effectiveFrom: '2025-01-01',
    effectiveUntil: '2028-12-31',
  }, secretariat);
  const pool: Seeded['pool'] = [];
  for (let i = 0; i < poolSize; i++) {
    const partnerId = partners[i % partners.length];
    const { id } = await call<{ id: string }>(base, 'POST', '/commitments', pledgeBody(agreementId, partnerId, i), partnerUser(partnerId));
    await call(base, 'POST', `/commitments/${id}/acceptance`, { acceptedOn: '2025-02-01' }, secretariat);
    pool.push({ commitmentId: id, partnerId });
  }
  return { agreementId, forumId, pool };
}

function pledgeBody(agreementId: string, partnerId: string, n: number): Record<string, unknown> {
  return {
    agreementId,
    partnerId,
    description: `Dana CSR untuk makanan tambahan ibu hamil KEK, paket ${n}`,
    resourceType: 'funds',
    quantity: 500,
    unit: 'paket PMT',
    valueRupiah: 150_000_000,
    regionCode: '52.71',
    programme: 'stunting',
    dueDate: '2027-06-30',
    milestones: [{ title: 'Penyaluran tahap 1', dueDate: '2026-03-31' }],
  };
}

function headersFor(actor: BenchActor): Record<string, string> {
  return { ...JSON_TYPE, ...authHeaders(actor) };
}

type Req = { path: string; body?: string; headers?: Record<string, string> };

let amendments = 0;

/**
 * The command mix, per connection in a loop: draft a report on an accepted commitment, submit it,
 * accept it, pledge a new commitment, amend an accepted one. Commitments are taken round-robin from
 * the pool, so two connections rarely touch the same stream (a conflict is retried by the API).
 */
export function commandMix(seeded: Seeded): LoadRequest[] {
  let counter = 0;
  const secretariat = secretariatOf([seeded.forumId]);
  const slotOf = (context: Record<string, unknown>) => seeded.pool[context.slot as number];
  const idOf = (body: string) => {
    try {
      return (JSON.parse(body) as { id?: string }).id ?? 'missing';
    } catch {
      return 'missing';
    }
  };
  const problems = process.env.BENCH_DEBUG ? (status: number, body: string) => status >= 300 && process.stderr.write(`${status} ${body.slice(0, 300)}\n`) : () => undefined;
  return [
    {
      method: 'POST',
      path: '/reports',
      setupRequest: (req: Req, context) => {
        context.slot = counter++ % seeded.pool.length;
        const { commitmentId, partnerId } = slotOf(context);
        req.headers = headersFor(partnerUser(partnerId));
        req.body = JSON.stringify({
          commitmentId,
          periodStart: '2025-01-01',
          periodEnd: '2025-03-31',
          quantityDelivered: 25,
          rupiahDisbursed: 7_500_000,
          narrative: 'PMT tahap 1 disalurkan ke ibu hamil KEK di Kota Mataram.',
          evidence: [{ name: 'berita-acara.pdf', sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', mediaType: 'application/pdf', sizeBytes: 48211 }],
        });
        return req;
      },
      onResponse: (status, body, context) => {
        problems(status, body);
        context.reportId = idOf(body);
      },
    },
    {
      method: 'POST',
      path: '/reports/x/submission',
      setupRequest: (req: Req, context) => {
        req.path = `/reports/${context.reportId as string}/submission`;
        req.headers = headersFor(partnerUser(slotOf(context).partnerId));
        req.body = '{}';
        return req;
      },
      onResponse: (status, body) => problems(status, body),
    },
    {
      method: 'POST',
      path: '/reports/x/acceptance',
      setupRequest: (req: Req, context) => {
        req.path = `/reports/${context.reportId as string}/acceptance`;
        req.headers = headersFor(secretariat);
        req.body = '{}';
        return req;
      },
      onResponse: (status, body) => problems(status, body),
    },
    {
      method: 'POST',
      path: '/commitments',
      setupRequest: (req: Req, context) => {
        const { partnerId } = slotOf(context);
        req.headers = headersFor(partnerUser(partnerId));
        req.body = JSON.stringify(pledgeBody(seeded.agreementId, partnerId, counter));
        return req;
      },
      onResponse: (status, body) => problems(status, body),
    },
    {
      method: 'POST',
      path: '/commitments/x/amendments',
      setupRequest: (req: Req, context) => {
        req.path = `/commitments/${slotOf(context).commitmentId}/amendments`;
        req.headers = headersFor(secretariat);
        // Unique across every mix of the run (the warm-up included), so an amendment always changes something.
        req.body = JSON.stringify({ rationale: 'Rincian kegiatan diperbarui', changes: { description: `Dukungan PMT ibu hamil KEK, revisi ${amendments++}` } });
        return req;
      },
      onResponse: (status, body) => problems(status, body),
    },
  ];
}

/** The baseline: the pledge body and actor, posted to the trivial route behind the same pipeline. */
export function baselineRequests(seeded: Seeded): LoadRequest[] {
  let counter = 0;
  return [
    {
      method: 'POST',
      path: '/bench/baseline',
      setupRequest: (req: Req) => {
        const { partnerId } = seeded.pool[counter % seeded.pool.length];
        req.headers = headersFor(partnerUser(partnerId));
        req.body = JSON.stringify(pledgeBody(seeded.agreementId, partnerId, counter++));
        return req;
      },
    },
  ];
}

export function obligationsRequests(partnerIds: readonly string[], forumIds: readonly string[]): LoadRequest[] {
  let counter = 0;
  const secretariat = secretariatOf(forumIds);
  return [
    {
      method: 'GET',
      path: '/partners/x/obligations',
      setupRequest: (req: Req) => {
        req.path = `/partners/${partnerIds[counter++ % partnerIds.length]}/obligations`;
        req.headers = authHeaders(secretariat);
        return req;
      },
    },
  ];
}

/** Four filter shapes of the commitment list, over the sample forums and partners. */
export function commitmentListRequests(forumIds: readonly string[], partnerIds: readonly string[]): LoadRequest[] {
  let counter = 0;
  // A secretariat user runs one forum: each request is made by the secretariat of a sample forum, in turn.
  const secretariats = forumIds.map((forumId) => secretariatOf([forumId]));
  const paths = [
    () => `/commitments?forumId=${forumIds[counter % forumIds.length]}&status=accepted&sort=dueDate&limit=20`,
    () => `/commitments?programme=stunting&regionCode=52&limit=20`,
    () => `/commitments?partnerId=${partnerIds[counter % partnerIds.length]}&sort=-valueRupiah&limit=20`,
    () => `/commitments?status=accepted&dueBefore=2027-01-01&sort=dueDate&limit=20`,
  ];
  return [
    {
      method: 'GET',
      path: '/commitments',
      setupRequest: (req: Req) => {
        req.path = paths[counter % paths.length]();
        req.headers = authHeaders(secretariats[counter % secretariats.length]);
        counter++;
        return req;
      },
    },
  ];
}

export async function runLoad(base: string, connections: number, seconds: number, requests: readonly LoadRequest[]): Promise<LoadResult> {
  return load(base, connections, seconds, requests);
}
