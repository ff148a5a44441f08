import { ActorRef, ActorRole } from './refs';
import { rule } from './rule-violation';
import { isNonBlank } from './values';

/**
 * "Who may do it": the one place every decider asks about the actor of a write command.
 *
 * - `checkActor` first: a well-formed actor (`actor-invalid`), and never an auditor
 *   (`auditor-read-only`): an auditor reads, replays and verifies, but writes nothing.
 * - `requireSecretariat`: a secretariat act (DOMAIN.md) that a partner user may not do.
 *   Secretariat, admin and system actors may; the rule code names the act refused.
 * - `requireOwnPartner`: a partner user acts only for its own organisation; the
 *   secretariat (or admin, system) may act on a partner's behalf.
 */
const ACTOR_ROLES: readonly ActorRole[] = ['secretariat', 'partner', 'auditor', 'admin', 'system'];

/** The rules about who may act (not about the facts): the API answers their violation with 403. */
export const AUTHORIZATION_RULES: ReadonlySet<string> = new Set([
  'auditor-read-only',
  'partner-write-requires-secretariat',
  'forum-write-requires-secretariat',
  'agreement-write-requires-secretariat',
  'commitment-review-requires-secretariat',
  'cancellation-requires-secretariat',
  'role-assignment-requires-secretariat',
  'review-requires-secretariat',
  'pledge-by-other-partner',
  'withdrawal-by-other-partner',
  'report-by-other-partner',
]);

/**
 * A well-formed actor that may write, copied; `partnerId` is left out (never `undefined`)
 * when the actor has none. A partner actor always names its partner.
 */
export function checkActor(actor: unknown): ActorRef {
  const candidate = actor as Partial<ActorRef> | null | undefined;
  rule(
    candidate != null &&
      typeof candidate === 'object' &&
      isNonBlank(candidate.userId) &&
      (ACTOR_ROLES as readonly unknown[]).includes(candidate.role) &&
      (candidate.partnerId == null || isNonBlank(candidate.partnerId)) &&
      (candidate.role !== 'partner' || isNonBlank(candidate.partnerId)),
    'actor-invalid',
    'The actor needs a user id, a known role and, for a partner, its partner id',
  );
  rule(candidate.role !== 'auditor', 'auditor-read-only', 'An auditor reads the ledger but does not change it');
  const recorded: ActorRef = { userId: candidate.userId as string, role: candidate.role as ActorRole };
  if (isNonBlank(candidate.partnerId)) recorded.partnerId = candidate.partnerId;
  return recorded;
}

/** A secretariat act: refused (with `code`) when a partner user asks for it. */
export function requireSecretariat(actor: ActorRef, code: string, message: string): void {
  rule(actor.role !== 'partner', code, message);
}

/** A partner user acts only for `partnerId`, its own organisation; anyone else who may write acts on its behalf. */
export function requireOwnPartner(actor: ActorRef, partnerId: string | null | undefined, code: string, message: string): void {
  rule(actor.role !== 'partner' || actor.partnerId === partnerId, code, message);
}
