import { SECTORS } from '@ikrar/domain';
import { Story } from './story';

const pad = (n: number) => String(n).padStart(3, '0');

/**
 * A deterministic log of a few thousand events with every event type the domain has, interleaved
 * the way a busy ledger interleaves them: partners, forums and meetings, agreements corrected,
 * amended and terminated, roles assigned and revoked, commitments through their whole lifecycle,
 * reports returned and resubmitted, and partner renames in the middle of it all.
 */
export function bigStory(scale = 1): Story {
  const story = new Story();
  const partners = Array.from({ length: 40 * scale }, (_, i) => `p-${pad(i)}`);
  partners.forEach((id, i) => story.registerPartner(id, { name: `Mitra ${i}`, sector: SECTORS[i % SECTORS.length], regionCode: i % 3 ? '52' : null }));

  const forums = Array.from({ length: 4 * scale }, (_, i) => `f-${pad(i)}`);
  forums.forEach((forumId, f) => {
    story.establishForum(forumId, partners[f]);
    for (let m = 0; m < 3; m++) story.recordMeeting(forumId, `${forumId}-m${m}`, partners.slice(f, f + 5));
    story.assignRole(`ra-${forumId}-sec`, { partnerId: partners[f], role: 'secretariat', scopeType: 'forum', scopeId: forumId, validFrom: '2025-01-01', iatiOrganisationRole: 3 });
  });

  type Commitment = { id: string; agreementId: string; forumId: string; partnerId: string; n: number };
  const commitments: Commitment[] = [];
  forums.forEach((forumId, f) => {
    for (let a = 0; a < 3; a++) {
      const agreementId = `a-${forumId}-${a}`;
      const parties = partners.filter((_, i) => (i + f + a) % 4 === 0).slice(0, 8);
      story.recordAgreement(agreementId, forumId, parties);
      if (a === 1) story.correctAgreement(agreementId, { effectiveFrom: '2025-01-15', title: `Kesepakatan ${agreementId} (ralat)` });
      story.assignRole(`ra-${agreementId}-data`, { partnerId: parties[0], role: 'data-provider', scopeType: 'agreement', scopeId: agreementId, validFrom: '2025-01-01', iatiOrganisationRole: 4 });
      parties.forEach((partnerId, p) => {
        for (let k = 0; k < 4; k++) {
          const id = `c-${agreementId}-${p}-${k}`;
          commitments.push({ id, agreementId, forumId, partnerId, n: commitments.length });
        }
      });
    }
  });

  // Pledges, then each commitment's lifecycle in rounds, so streams interleave in the log.
  for (const c of commitments) {
    story.pledge(c.id, { agreementId: c.agreementId, forumId: c.forumId, partnerId: c.partnerId }, {
      quantity: 100 + c.n,
      valueRupiah: 1_000_000 * (1 + (c.n % 7)),
      programme: (['stunting', 'kb', 'ckg', 'kia'] as const)[c.n % 4],
      regionCode: c.n % 2 ? '52.71' : '52.01',
      dueDate: `2025-${String(3 + (c.n % 10)).padStart(2, '0')}-28`,
      milestones: [
        { milestoneId: `${c.id}-ms1`, title: 'Tahap 1', dueDate: '2025-06-30' },
        { milestoneId: `${c.id}-ms2`, title: 'Tahap 2', dueDate: '2025-12-31' },
      ],
    });
    if (c.n % 50 === 7) story.updatePartner(c.partnerId, { name: `Mitra ${c.partnerId} (baru ${c.n})` });
  }
  const active = commitments.filter((c) => c.n % 10 !== 3);
  for (const c of commitments) {
    if (c.n % 10 === 3) story.withdraw(c.id);
    else story.accept(c.id);
  }
  for (const c of active) {
    if (c.n % 6 === 1) story.reduce(c.id, { quantityReducedBy: 10, valueRupiahReducedBy: 0, quantity: 90 + c.n, valueRupiah: 1_000_000 * (1 + (c.n % 7)) });
    if (c.n % 6 === 2) story.amendCommitment(c.id, { dueDate: '2025-12-31', description: 'Jadwal disesuaikan' });
    story.draftReport(`r-${c.id}-1`, on(c), { quantityDelivered: 10 + (c.n % 5), rupiahDisbursed: 100_000 * (c.n % 9) });
  }
  agreementsToChange(story, forums);
  for (const c of active) {
    story.submitReport(`r-${c.id}-1`);
    story.milestoneMet(c.id, `${c.id}-ms1`);
    if (c.n % 4 === 0) story.draftReport(`r-${c.id}-2`, on(c), { periodStart: '2025-04-01', periodEnd: '2025-06-30', quantityDelivered: 5, rupiahDisbursed: 50_000 });
  }
  for (const c of active) {
    const report = `r-${c.id}-1`;
    if (c.n % 5 === 0) {
      story.returnReport(report);
      story.reviseReport(report, { quantityDelivered: 20, narrative: 'Diperbaiki' }, {});
      story.submitReport(report, 2);
    }
    if (c.n % 8 !== 5) story.acceptReport(report, { commitmentId: c.id, partnerId: c.partnerId, quantityDelivered: c.n % 5 === 0 ? 20 : 10 + (c.n % 5), rupiahDisbursed: 100_000 * (c.n % 9) });
    if (c.n % 4 === 0) story.submitReport(`r-${c.id}-2`);
    if (c.n % 25 === 4) story.updatePartner(c.partnerId, { sector: 'community' });
  }
  for (const c of active) {
    if (c.n % 4 === 0 && c.n % 3 === 0) story.acceptReport(`r-${c.id}-2`, { commitmentId: c.id, partnerId: c.partnerId, quantityDelivered: 5, rupiahDisbursed: 50_000 });
    if (c.n % 9 === 0) story.cancel(c.id);
    else if (c.n % 3 === 0) {
      story.milestoneMet(c.id, `${c.id}-ms2`, '2025-11-30');
      story.close(c.id, c.n % 2 ? 'partially-fulfilled' : 'fulfilled');
    }
  }
  forums.forEach((forumId, f) => {
    story.revokeRole(`ra-${forumId}-sec`, '2025-06-30');
    story.assignRole(`ra-${forumId}-sec`, { partnerId: partners[f], role: 'secretariat', scopeType: 'forum', scopeId: forumId, validFrom: '2026-01-01', iatiOrganisationRole: 3 });
  });
  partners.slice(-3).forEach((id) => {
    story.eraseContact(id);
    story.deactivatePartner(id);
  });
  return story;
}

function on(c: { id: string; forumId: string; partnerId: string }) {
  return { commitmentId: c.id, forumId: c.forumId, partnerId: c.partnerId };
}

function agreementsToChange(story: Story, forums: string[]): void {
  forums.forEach((forumId, f) => {
    story.amendAgreement(`a-${forumId}-0`, 1, { effectiveUntil: '2027-06-30', title: `Adendum I ${forumId}` });
    if (f % 2 === 1) story.terminateAgreement(`a-${forumId}-2`);
  });
}
