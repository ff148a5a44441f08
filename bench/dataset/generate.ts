import { randomUUID } from 'node:crypto';
import {
  ActorRef,
  agreementDecider,
  accountabilityReportDecider,
  commitmentDecider,
  Decider,
  DomainCommand,
  DomainEvent,
  forumDecider,
  partnerDecider,
  PROGRAMMES,
  RESOURCE_TYPES,
  roleAssignmentDecider,
  ROLES,
  SECTORS,
} from '@ikrar/domain';
import type { EventStore, EventToAppend } from '@ikrar/event-store';

/**
 * A realistic ledger, written straight through the event store port in large batches: partners,
 * forums with meetings, agreements, role assignments, commitments (pledged, accepted, amended,
 * reduced, milestones met) and quarterly accountability reports (drafted, submitted, some returned
 * and revised, accepted), plus partners renaming themselves (which the projection cascades to their
 * commitments and reports). Every event is decided by the real domain deciders on the state the
 * generator keeps, so every event is one the API itself could have recorded.
 */
export interface DatasetShape {
  /** Stop once the log holds at least this many events. */
  readonly events: number;
  readonly partners: number;
  readonly commitments: number;
  /** Events appended per group-committed batch. */
  readonly batchEvents: number;
}

export interface DatasetSummary {
  readonly events: number;
  readonly streams: number;
  readonly partners: number;
  readonly forums: number;
  readonly agreements: number;
  readonly commitments: number;
  readonly reports: number;
  readonly roleAssignments: number;
  readonly byType: Record<string, number>;
  /** Partner ids with the most commitments (for the query scenario). */
  readonly samplePartnerIds: string[];
  readonly sampleForumIds: string[];
  readonly seconds: number;
}

const PARTNERS_PER_FORUM = 40;
const COMMITMENTS_PER_AGREEMENT = 20;
const PARTIES_PER_AGREEMENT = 10;
const SECRETARIAT: ActorRef = { userId: 'sekretariat-1', role: 'secretariat' };
const DUE_DATES = ['2026-09-30', '2026-12-15', '2027-06-30', '2027-12-31', '2028-06-30', '2028-12-31'];
const REGIONS = ['11', '12.71', '31.74', '32.73', '33.74', '35.78', '51.71', '52', '52.71', '52.03', '61.06', '64.72', '73.71', '94.71'];

interface Entity<S> {
  state: S;
  revision: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so two runs generate the same shape. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quarter(index: number): { start: string; end: string; today: string } {
  const year = 2023 + Math.floor(index / 4);
  const q = index % 4;
  const starts = ['01-01', '04-01', '07-01', '10-01'];
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  const todays = ['04-10', '07-10', '10-10', '01-10'];
  return { start: `${year}-${starts[q]}`, end: `${year}-${ends[q]}`, today: `${q === 3 ? year + 1 : year}-${todays[q]}` };
}

export async function generateDataset(store: EventStore, shape: DatasetShape, log: (line: string) => void = () => undefined): Promise<DatasetSummary> {
  const started = Date.now();
  const random = rng(20251125);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const entities = new Map<string, Entity<unknown>>();
  const byType: Record<string, number> = {};
  let pending: Array<{ streamId: string; events: EventToAppend[]; expected: number | 'no_stream' }> = [];
  let pendingEvents = 0;
  let written = 0;
  let occurredAt = '2023-01-02';

  async function flush(): Promise<void> {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingEvents = 0;
    // Every append of the batch is submitted in the same turn: the store group-commits them.
    await Promise.all(batch.map((append) => store.append(append.streamId, append.events, append.expected)));
  }

  /** Decides the command on the entity's state with the real decider and queues the events. */
  async function run<C extends DomainCommand, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C, actor: ActorRef): Promise<S> {
    const entity = (entities.get(streamId) as Entity<S> | undefined) ?? { state: decider.initialState(), revision: -1 };
    const events = decider.decide(command, entity.state);
    const correlationId = randomUUID();
    const envelopes: EventToAppend[] = events.map((event) => {
      byType[event.type] = (byType[event.type] ?? 0) + 1;
      return {
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: 1,
        data: event.data as Record<string, unknown>,
        metadata: { occurredAt: `${occurredAt}T09:00:00.000Z`, actor, correlationId, causationId: null, idempotencyKey: null, requestHash: null },
      };
    });
    pending.push({ streamId, events: envelopes, expected: entity.revision === -1 ? 'no_stream' : entity.revision });
    let state = entity.state;
    for (const event of events) state = decider.evolve(state, event);
    entities.set(streamId, { state, revision: entity.revision + events.length });
    pendingEvents += events.length;
    written += events.length;
    if (pendingEvents >= shape.batchEvents) await flush();
    return state;
  }
  const forget = (streamId: string) => entities.delete(streamId);
  const done = () => written >= shape.events;

  // Partners.
  const partnerIds: string[] = [];
  const partnerNames = new Map<string, string>();
  for (let i = 0; i < shape.partners; i++) {
    const partnerId = randomUUID();
    partnerIds.push(partnerId);
    const name = `Mitra ${i + 1} ${pick(['PT', 'Yayasan', 'Dinas Kesehatan', 'Puskesmas', 'TP PKK', 'Universitas'])} ${pick(REGIONS)}`;
    partnerNames.set(partnerId, name);
    await run(partnerDecider, `partner-${partnerId}`, {
      type: 'RegisterPartner',
      data: { partnerId, name, sector: pick(SECTORS), regionCode: pick(REGIONS), contact: null, actor: SECRETARIAT },
    }, SECRETARIAT);
  }
  const statuses = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, 'active' as const]));

  // Forums, each with its members and four meetings.
  const forumCount = Math.max(1, Math.round(shape.partners / PARTNERS_PER_FORUM));
  const forums: Array<{ forumId: string; members: string[]; meetingIds: string[] }> = [];
  for (let f = 0; f < forumCount; f++) {
    const members = partnerIds.filter((_, i) => i % forumCount === f);
    const forumId = randomUUID();
    await run(forumDecider, `forum-${forumId}`, {
      type: 'EstablishForum',
      data: {
        forumId,
        name: `Forum Kemitraan Kesehatan ${f + 1}`,
        regionCode: pick(REGIONS).slice(0, 2),
        programmes: ['stunting', 'phbs', 'posyandu', 'ckg'],
        secretariatPartnerId: members[0],
        partnerStatuses: statuses([members[0]]),
        actor: SECRETARIAT,
      },
    }, SECRETARIAT);
    const meetingIds: string[] = [];
    for (let m = 0; m < 4; m++) {
      const meetingId = randomUUID();
      meetingIds.push(meetingId);
      const attendees = members.slice(0, Math.min(members.length, 12));
      await run(forumDecider, `forum-${forumId}`, {
        type: 'RecordMeeting',
        data: {
          forumId,
          meetingId,
          title: `Pertemuan Kemitraan ${m + 1}`,
          heldOn: `2023-0${m + 1}-15`,
          location: 'Mataram',
          attendeePartnerIds: attendees,
          partnerStatuses: statuses(attendees),
          actor: SECRETARIAT,
        },
      }, SECRETARIAT);
    }
    forums.push({ forumId, members, meetingIds });
  }

  // Agreements with their parties and roles.
  const agreementCount = Math.max(1, Math.ceil(shape.commitments / COMMITMENTS_PER_AGREEMENT));
  const agreements: Array<{ agreementId: string; forumId: string; parties: string[] }> = [];
  let roleAssignments = 0;
  for (let a = 0; a < agreementCount; a++) {
    const forum = forums[a % forums.length];
    const offset = Math.floor(a / forums.length) * 3;
    const parties = Array.from({ length: Math.min(PARTIES_PER_AGREEMENT, forum.members.length) }, (_, k) => forum.members[(offset + k) % forum.members.length]);
    const uniqueParties = [...new Set(parties)];
    const agreementId = randomUUID();
    await run(agreementDecider, `agreement-${agreementId}`, {
      type: 'RecordAgreement',
      data: {
        agreementId,
        forumId: forum.forumId,
        meetingId: forum.meetingIds[a % forum.meetingIds.length],
        title: `Kesepakatan kemitraan ${a + 1}`,
        text: 'Para pihak sepakat membagi tugas dan sumber daya untuk program prioritas kesehatan masyarakat.',
        partyPartnerIds: uniqueParties,
        effectiveFrom: '2023-01-01',
        effectiveUntil: '2028-12-31',
        forum: { established: true, meetingIds: forum.meetingIds },
        partnerStatuses: statuses(uniqueParties),
        actor: SECRETARIAT,
      },
    }, SECRETARIAT);
    agreements.push({ agreementId, forumId: forum.forumId, parties: uniqueParties });
    for (let r = 0; r < Math.min(4, uniqueParties.length); r++) {
      const assignmentId = randomUUID();
      roleAssignments += 1;
      await run(roleAssignmentDecider, `roleAssignment-${assignmentId}`, {
        type: 'AssignRole',
        data: {
          assignmentId,
          partnerId: uniqueParties[r],
          role: ROLES[r % ROLES.length],
          scopeType: 'agreement',
          scopeId: agreementId,
          validFrom: '2023-01-01',
          validUntil: null,
          scopeExists: true,
          partnerStatuses: statuses([uniqueParties[r]]),
          actor: SECRETARIAT,
        },
      } as never, SECRETARIAT);
      if (r === 3 && a % 5 === 0) {
        await run(roleAssignmentDecider, `roleAssignment-${assignmentId}`, {
          type: 'RevokeRole',
          data: { assignmentId, reason: 'Pergantian peran', revokedOn: '2024-06-30', actor: SECRETARIAT },
        }, SECRETARIAT);
      }
    }
  }

  // Commitments: pledged by the partner, accepted by the secretariat.
  occurredAt = '2023-02-01';
  const commitments: Array<{ commitmentId: string; partnerId: string; milestoneIds: string[] }> = [];
  const commitmentsByPartner = new Map<string, number>();
  for (let c = 0; c < shape.commitments; c++) {
    const agreement = agreements[c % agreements.length];
    const partnerId = agreement.parties[Math.floor(c / agreements.length) % agreement.parties.length];
    const commitmentId = randomUUID();
    const milestoneIds = [randomUUID(), randomUUID()];
    const actor: ActorRef = { userId: `user-${partnerId.slice(0, 8)}`, role: 'partner', partnerId };
    const quantity = 100 + Math.floor(random() * 900);
    await run(commitmentDecider, `commitment-${commitmentId}`, {
      type: 'PledgeCommitment',
      data: {
        commitmentId,
        agreementId: agreement.agreementId,
        partnerId,
        description: `Dukungan ${pick(['PMT ibu hamil KEK', 'posyandu', 'skrining CKG', 'sanitasi sekolah', 'kader kesehatan'])}`,
        resourceType: pick(RESOURCE_TYPES),
        quantity,
        unit: 'paket',
        valueRupiah: quantity * 150_000,
        regionCode: pick(REGIONS),
        programme: pick(PROGRAMMES),
        startDate: null,
        dueDate: pick(DUE_DATES),
        milestones: [
          { milestoneId: milestoneIds[0], title: 'Penyaluran tahap 1', dueDate: '2024-06-30' },
          { milestoneId: milestoneIds[1], title: 'Penyaluran tahap 2', dueDate: '2025-06-30' },
        ],
        agreement: { status: 'in-force', forumId: agreement.forumId, partyPartnerIds: agreement.parties, effectiveFrom: '2023-01-01', effectiveUntil: '2028-12-31' },
        actor,
      },
    }, actor);
    await run(commitmentDecider, `commitment-${commitmentId}`, {
      type: 'AcceptCommitment',
      data: { commitmentId, acceptedOn: '2023-02-15', actor: SECRETARIAT },
    }, SECRETARIAT);
    commitments.push({ commitmentId, partnerId, milestoneIds });
    commitmentsByPartner.set(partnerId, (commitmentsByPartner.get(partnerId) ?? 0) + 1);
  }
  log(`dataset: setup done, ${written} events`);

  // Quarterly reporting rounds until the log is full.
  let reports = 0;
  for (let q = 0; !done(); q++) {
    if (q >= 14) throw new Error('dataset: ran out of reporting quarters; raise commitments or lower events');
    const period = quarter(q);
    occurredAt = period.today;
    for (let c = 0; c < commitments.length && !done(); c++) {
      const { commitmentId, partnerId, milestoneIds } = commitments[c];
      const streamId = `commitment-${commitmentId}`;
      const actor: ActorRef = { userId: `user-${partnerId.slice(0, 8)}`, role: 'partner', partnerId };
      const commitment = (entities.get(streamId) as Entity<import('@ikrar/domain').CommitmentState>).state;
      const reportId = randomUUID();
      const reportStream = `report-${reportId}`;
      reports += 1;
      await run(accountabilityReportDecider, reportStream, {
        type: 'DraftReport',
        data: {
          reportId,
          commitmentId,
          periodStart: period.start,
          periodEnd: period.end,
          quantityDelivered: 5 + (c % 20),
          rupiahDisbursed: 750_000 + (c % 20) * 150_000,
          narrative: `Laporan triwulan ${q + 1}: kegiatan berjalan sesuai rencana di wilayah kerja.`,
          evidence: [{ name: `berita-acara-${q + 1}.pdf`, sha256: randomUUID().replace(/-/g, '').padEnd(64, '0'), mediaType: 'application/pdf', sizeBytes: 48_211 }],
          actor,
          today: period.today,
          commitment: {
            status: commitment.status,
            partnerId,
            forumId: commitment.forumId!,
            startDate: commitment.startDate!,
            dueDate: commitment.dueDate!,
          },
        },
      }, actor);
      await run(accountabilityReportDecider, reportStream, { type: 'SubmitReport', data: { reportId, changes: null, actor } }, actor);
      if ((c + q) % 5 === 0) {
        await run(accountabilityReportDecider, reportStream, {
          type: 'ReturnReport',
          data: { reportId, comments: 'Lampirkan daftar penerima', actor: SECRETARIAT },
        }, SECRETARIAT);
        await run(accountabilityReportDecider, reportStream, {
          type: 'SubmitReport',
          data: { reportId, changes: { narrative: `Laporan triwulan ${q + 1}, dengan daftar penerima terlampir.` }, actor },
        }, actor);
      }
      await run(accountabilityReportDecider, reportStream, { type: 'AcceptReport', data: { reportId, actor: SECRETARIAT } }, SECRETARIAT);
      forget(reportStream);

      // Now and then the secretariat amends or reduces a commitment, or records a milestone.
      if ((c + q) % 10 === 3) {
        const reduce = (c + q) % 20 === 3 && (commitment.quantity ?? 0) > 20;
        await run(commitmentDecider, streamId, {
          type: 'AmendCommitment',
          data: {
            commitmentId,
            rationale: reduce ? 'Anggaran CSR dipotong' : 'Rincian kegiatan diperbarui',
            changes: reduce
              ? { quantity: commitment.quantity! - 10, valueRupiah: (commitment.quantity! - 10) * 150_000 }
              : { description: `Dukungan kegiatan, revisi triwulan ${q + 1}` },
            actor: SECRETARIAT,
          },
        }, SECRETARIAT);
      }
      if (q === 6 || q === 10) {
        const milestoneId = milestoneIds[q === 6 ? 0 : 1];
        await run(commitmentDecider, streamId, {
          type: 'MarkMilestoneMet',
          data: { commitmentId, milestoneId, metOn: period.end, note: null, today: period.today, actor: SECRETARIAT },
        }, SECRETARIAT);
      }
    }
    // A few partners change their name each quarter (the projection updates their commitments and reports).
    for (let p = q % 50; p < partnerIds.length && !done(); p += 50) {
      const partnerId = partnerIds[p];
      const name = `${partnerNames.get(partnerId)!.replace(/ \(q\d+\)$/, '')} (q${q + 1})`;
      partnerNames.set(partnerId, name);
      await run(partnerDecider, `partner-${partnerId}`, {
        type: 'UpdatePartnerDetails',
        data: { partnerId, changes: { name }, actor: SECRETARIAT },
      }, SECRETARIAT);
    }
    log(`dataset: quarter ${q + 1} done, ${written} events`);
  }
  await flush();

  const busiest = [...commitmentsByPartner.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  return {
    events: written,
    streams: entities.size + reports,
    partners: partnerIds.length,
    forums: forums.length,
    agreements: agreements.length,
    commitments: commitments.length,
    reports,
    roleAssignments,
    byType,
    samplePartnerIds: busiest.slice(0, 200),
    sampleForumIds: forums.map((f) => f.forumId).slice(0, 50),
    seconds: (Date.now() - started) / 1000,
  };
}
