import { TestLedger } from './ledger-app';
import { bearer } from './tokens';

/**
 * Builders for e2e tests, following the NTB partnership meeting (Mataram, 25 Nov 2025).
 * Each posts through the real API, expects success and returns the new id.
 */
async function create(ledger: TestLedger, path: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
  const req = ledger.http.post(path).send(body);
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  const res = await req;
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function act(ledger: TestLedger, path: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<void> {
  const req = ledger.http.post(path).send(body);
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  const res = await req;
  if (res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
}

export function registerPartner(ledger: TestLedger, overrides: Record<string, unknown> = {}): Promise<string> {
  return create(ledger, '/partners', { name: 'Dinas Kesehatan Provinsi NTB', sector: 'government', regionCode: '52', ...overrides });
}

export async function establishForum(ledger: TestLedger, secretariatPartnerId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  return create(ledger, '/forums', {
    name: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB',
    regionCode: '52',
    programmes: ['stunting', 'phbs', 'posyandu'],
    secretariatPartnerId,
    ...overrides,
  });
}

export async function recordMeeting(ledger: TestLedger, forumId: string, attendeePartnerIds: string[], overrides: Record<string, unknown> = {}): Promise<string> {
  return create(ledger, `/forums/${forumId}/meetings`, {
    title: 'Pertemuan Kemitraan Kesehatan',
    heldOn: '2025-11-25',
    location: 'Mataram',
    attendeePartnerIds,
    ...overrides,
  });
}

export async function recordAgreement(ledger: TestLedger, forumId: string, partyPartnerIds: string[], overrides: Record<string, unknown> = {}): Promise<string> {
  return create(ledger, '/agreements', {
    forumId,
    title: 'Kesepakatan kemitraan kesehatan masyarakat NTB',
    text: 'Para pihak sepakat membagi tugas dan sumber daya untuk program prioritas.',
    partyPartnerIds,
    effectiveFrom: '2025-11-25',
    effectiveUntil: '2026-12-31',
    ...overrides,
  });
}

export async function pledgeCommitment(ledger: TestLedger, agreementId: string, partnerId: string, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<string> {
  return create(
    ledger,
    '/commitments',
    {
      agreementId,
      partnerId,
      description: 'Dana CSR untuk makanan tambahan ibu hamil KEK',
      resourceType: 'funds',
      quantity: 500,
      unit: 'paket PMT',
      valueRupiah: 150_000_000,
      regionCode: '52.71',
      programme: 'stunting',
      dueDate: '2026-06-30',
      milestones: [{ title: 'Penyaluran tahap 1', dueDate: '2026-03-31' }],
      ...overrides,
    },
    headers,
  );
}

export function acceptCommitment(ledger: TestLedger, commitmentId: string): Promise<void> {
  return act(ledger, `/commitments/${commitmentId}/acceptance`, {});
}

/** A bearer token of a partner user of `partnerId`. */
export function asPartner(partnerId: string, userId = `user-of-${partnerId.slice(0, 8)}`): Record<string, string> {
  return bearer({ role: 'partner', partnerId, sub: userId });
}

/** A bearer token of an auditor (inspektorat): reads everything, every write is refused. */
export function asAuditor(userId = 'inspektorat-1'): Record<string, string> {
  return bearer({ role: 'auditor', sub: userId });
}

/** A bearer token of the administrator: manages forums and partners. */
export function asAdmin(userId = 'admin-1'): Record<string, string> {
  return bearer({ role: 'admin', sub: userId });
}

/** A bearer token of a secretariat user of exactly these forums. */
export function asSecretariatOf(forumIds: readonly string[], userId = 'sekretariat-1'): Record<string, string> {
  return bearer({ role: 'secretariat', forumIds, sub: userId });
}

/** A secretariat, a CSR company and a community organisation in a forum, under one agreement. */
export async function ntbScenario(ledger: TestLedger) {
  const dinkes = await registerPartner(ledger);
  const bank = await registerPartner(ledger, { name: 'PT Bank NTB Syariah', sector: 'business', regionCode: '52.71' });
  const pkk = await registerPartner(ledger, { name: 'TP PKK Provinsi NTB', sector: 'womens', regionCode: '52' });
  const forumId = await establishForum(ledger, dinkes);
  const meetingId = await recordMeeting(ledger, forumId, [dinkes, bank, pkk]);
  const agreementId = await recordAgreement(ledger, forumId, [dinkes, bank, pkk], { meetingId });
  return { dinkes, bank, pkk, forumId, meetingId, agreementId };
}

export { act, create };

/** The global position of the log's last event: pass it as `minPosition` to read what was just written. */
export async function headPosition(ledger: TestLedger): Promise<number> {
  const [last] = await ledger.store.readAll({ direction: 'backwards', maxCount: 1 });
  return last?.globalPosition ?? 0;
}

/** Drafts an accountability report on an accepted commitment (first quarter of 2026 by default) and returns its id. */
export function draftReport(ledger: TestLedger, commitmentId: string, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<string> {
  return create(
    ledger,
    '/reports',
    {
      commitmentId,
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      quantityDelivered: 250,
      rupiahDisbursed: 75_000_000,
      narrative: 'PMT tahap 1 disalurkan ke 250 ibu hamil KEK di Kota Mataram.',
      evidence: [],
      ...overrides,
    },
    headers,
  );
}
