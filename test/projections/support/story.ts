import { randomUUID } from 'node:crypto';
import type {
  ActorRef,
  AgreementAmended,
  AgreementCorrected,
  AgreementRecorded,
  CommitmentAmended,
  CommitmentPledged,
  CommitmentReduced,
  ForumEstablished,
  MeetingRecorded,
  PartnerDetailsUpdated,
  PartnerRegistered,
  ReportDrafted,
  ReportRevised,
  RoleAssigned,
} from '@ikrar/domain';
import type { RecordedEvent } from '@ikrar/event-store';

const SECRETARIAT: ActorRef = { userId: 'user-sekretariat', role: 'secretariat' };
const START = Date.parse('2025-01-06T01:00:00.000Z');

/**
 * Builds a log of recorded events with the domain's real payload shapes, positions 1, 2, 3, ...
 * and per-stream revisions, as the event store would hand them to a projector.
 */
export class Story {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  /** Any event, shaped by hand (unknown types, bad payloads, other schema versions). */
  raw(streamId: string, type: string, data: Record<string, unknown>, schemaVersion = 1): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const globalPosition = this.events.length + 1;
    const recordedAt = new Date(START + globalPosition * 60_000).toISOString();
    const event: RecordedEvent = {
      eventId: randomUUID(),
      type,
      schemaVersion,
      data,
      metadata: { occurredAt: recordedAt, actor: SECRETARIAT, correlationId: randomUUID(), causationId: null, idempotencyKey: null },
      streamId,
      streamRevision: revision,
      globalPosition,
      recordedAt,
      hash: '0'.repeat(64),
      previousHash: revision === 0 ? null : '0'.repeat(64),
    };
    this.events.push(event);
    return event;
  }

  registerPartner(partnerId: string, more: Partial<PartnerRegistered['data']> = {}): RecordedEvent {
    const data: PartnerRegistered['data'] = { partnerId, name: `Mitra ${partnerId}`, sector: 'business', regionCode: '52', contact: null, ...more };
    return this.raw(`partner-${partnerId}`, 'PartnerRegistered', data);
  }

  updatePartner(partnerId: string, changes: PartnerDetailsUpdated['data']['changes']): RecordedEvent {
    return this.raw(`partner-${partnerId}`, 'PartnerDetailsUpdated', { partnerId, changes });
  }

  deactivatePartner(partnerId: string): RecordedEvent {
    return this.raw(`partner-${partnerId}`, 'PartnerDeactivated', { partnerId, reason: 'merged' });
  }

  eraseContact(partnerId: string): RecordedEvent {
    return this.raw(`partner-${partnerId}`, 'PartnerContactErased', { partnerId, reason: 'UU 27/2022 request' });
  }

  establishForum(forumId: string, secretariatPartnerId: string, more: Partial<ForumEstablished['data']> = {}): RecordedEvent {
    const data: ForumEstablished['data'] = {
      forumId,
      name: `Forum ${forumId}`,
      regionCode: '52',
      programmes: ['stunting', 'kb'],
      secretariatPartnerId,
      ...more,
    };
    return this.raw(`forum-${forumId}`, 'ForumEstablished', data);
  }

  recordMeeting(forumId: string, meetingId: string, attendeePartnerIds: string[]): RecordedEvent {
    const data: MeetingRecorded['data'] = { forumId, meetingId, title: 'Rapat koordinasi', heldOn: '2025-01-20', location: 'Mataram', attendeePartnerIds };
    return this.raw(`forum-${forumId}`, 'MeetingRecorded', data);
  }

  recordAgreement(agreementId: string, forumId: string, partyPartnerIds: string[], more: Partial<AgreementRecorded['data']> = {}): RecordedEvent {
    const data: AgreementRecorded['data'] = {
      agreementId,
      forumId,
      meetingId: null,
      title: `Kesepakatan ${agreementId}`,
      text: 'Para pihak sepakat ...',
      partyPartnerIds,
      effectiveFrom: '2025-01-01',
      effectiveUntil: '2026-12-31',
      ...more,
    };
    return this.raw(`agreement-${agreementId}`, 'AgreementRecorded', data);
  }

  correctAgreement(agreementId: string, changes: AgreementCorrected['data']['changes'], previous: AgreementCorrected['data']['previous'] = {}): RecordedEvent {
    return this.raw(`agreement-${agreementId}`, 'AgreementCorrected', { agreementId, reason: 'salah ketik', changes, previous });
  }

  amendAgreement(agreementId: string, amendmentNumber: number, changes: AgreementAmended['data']['changes']): RecordedEvent {
    const data: AgreementAmended['data'] = { agreementId, amendmentNumber, rationale: 'adendum', changes, previous: {}, amendedOn: '2025-06-01' };
    return this.raw(`agreement-${agreementId}`, 'AgreementAmended', data);
  }

  terminateAgreement(agreementId: string, terminatedOn = '2025-09-30'): RecordedEvent {
    return this.raw(`agreement-${agreementId}`, 'AgreementTerminated', { agreementId, reason: 'program selesai', terminatedOn });
  }

  pledge(
    commitmentId: string,
    on: { agreementId: string; forumId: string; partnerId: string },
    more: Partial<CommitmentPledged['data']> = {},
  ): RecordedEvent {
    const data: CommitmentPledged['data'] = {
      commitmentId,
      ...on,
      description: 'Paket makanan tambahan untuk balita',
      resourceType: 'in-kind',
      quantity: 1000,
      unit: 'paket',
      valueRupiah: 50_000_000,
      regionCode: '52.71',
      programme: 'stunting',
      startDate: '2025-02-01',
      dueDate: '2025-12-31',
      milestones: [],
      ...more,
    };
    return this.raw(`commitment-${commitmentId}`, 'CommitmentPledged', data);
  }

  accept(commitmentId: string, acceptedOn = '2025-02-10'): RecordedEvent {
    return this.raw(`commitment-${commitmentId}`, 'CommitmentAccepted', { commitmentId, acceptedOn });
  }

  reduce(commitmentId: string, data: Omit<CommitmentReduced['data'], 'commitmentId' | 'rationale'>): RecordedEvent {
    return this.raw(`commitment-${commitmentId}`, 'CommitmentReduced', { commitmentId, rationale: 'anggaran dipotong', ...data });
  }

  amendCommitment(commitmentId: string, changes: CommitmentAmended['data']['changes'], previous: CommitmentAmended['data']['previous'] = {}): RecordedEvent {
    return this.raw(`commitment-${commitmentId}`, 'CommitmentAmended', { commitmentId, rationale: 'penyesuaian', changes, previous });
  }

  milestoneMet(commitmentId: string, milestoneId: string, metOn = '2025-04-01'): RecordedEvent {
    return this.raw(`commitment-${commitmentId}`, 'CommitmentMilestoneMet', { commitmentId, milestoneId, metOn, note: null });
  }

  withdraw(commitmentId: string): RecordedEvent {
    return this.raw(`commitment-${commitmentId}`, 'CommitmentWithdrawn', { commitmentId, reason: 'tidak ada anggaran', withdrawnBy: SECRETARIAT });
  }

  cancel(commitmentId: string): RecordedEvent {
    return this.raw(`commitment-${commitmentId}`, 'CommitmentCancelled', { commitmentId, reason: 'dibatalkan', cancelledBy: SECRETARIAT });
  }

  close(commitmentId: string, outcome: 'fulfilled' | 'partially-fulfilled' = 'fulfilled', closedOn = '2025-12-31'): RecordedEvent {
    return this.raw(`commitment-${commitmentId}`, 'CommitmentClosed', { commitmentId, outcome, note: 'selesai', closedOn });
  }

  draftReport(
    reportId: string,
    on: { commitmentId: string; forumId: string; partnerId: string },
    more: Partial<ReportDrafted['data']> = {},
  ): RecordedEvent {
    const data: ReportDrafted['data'] = {
      reportId,
      ...on,
      periodStart: '2025-02-01',
      periodEnd: '2025-03-31',
      quantityDelivered: 100,
      rupiahDisbursed: 5_000_000,
      narrative: 'Distribusi tahap pertama',
      evidence: [{ name: 'foto.jpg', sha256: 'a'.repeat(64), mediaType: 'image/jpeg', sizeBytes: 1234 }],
      draftedBy: { userId: 'user-mitra', role: 'partner', partnerId: on.partnerId },
      ...more,
    };
    return this.raw(`report-${reportId}`, 'ReportDrafted', data);
  }

  reviseReport(reportId: string, changes: ReportRevised['data']['changes'], previous: ReportRevised['data']['previous'] = {}): RecordedEvent {
    return this.raw(`report-${reportId}`, 'ReportRevised', { reportId, changes, previous });
  }

  submitReport(reportId: string, submissionNumber = 1): RecordedEvent {
    return this.raw(`report-${reportId}`, 'ReportSubmitted', { reportId, submissionNumber, submittedBy: { userId: 'user-mitra', role: 'partner' } });
  }

  returnReport(reportId: string, comments = 'Lampirkan bukti distribusi'): RecordedEvent {
    return this.raw(`report-${reportId}`, 'ReportReturned', { reportId, comments, reviewedBy: SECRETARIAT });
  }

  acceptReport(reportId: string, on: { commitmentId: string; partnerId: string; quantityDelivered: number; rupiahDisbursed: number }): RecordedEvent {
    return this.raw(`report-${reportId}`, 'ReportAccepted', { reportId, ...on, reviewedBy: SECRETARIAT });
  }

  assignRole(assignmentId: string, data: Omit<RoleAssigned['data'], 'assignmentId' | 'iatiOrganisationRole' | 'validUntil'> & Partial<RoleAssigned['data']>): RecordedEvent {
    return this.raw(`roleAssignment-${assignmentId}`, 'RoleAssigned', { assignmentId, validUntil: null, iatiOrganisationRole: 2, ...data });
  }

  revokeRole(assignmentId: string, revokedOn: string, reason = 'diganti'): RecordedEvent {
    return this.raw(`roleAssignment-${assignmentId}`, 'RoleRevoked', { assignmentId, reason, revokedOn });
  }
}
