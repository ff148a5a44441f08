/** Who asked for a command: the user, the role they acted in and, for partners, their organisation. */
export type ActorRole = 'secretariat' | 'partner' | 'auditor' | 'admin' | 'system';

export interface ActorRef {
  userId: string;
  role: ActorRole;
  partnerId?: string;
}

export type PartnerStatus = 'active' | 'deactivated';

/**
 * The handler's view of every partner a command references, keyed by partner id.
 * A referenced id missing from it is an unregistered partner.
 */
export type PartnerStatuses = Record<string, PartnerStatus>;

/**
 * What `statuses` says about one partner; an id it does not hold (or a missing map)
 * is an unregistered partner. Only own keys count, so `constructor` is never "registered".
 */
export function partnerStatusIn(
  statuses: PartnerStatuses | null | undefined,
  partnerId: string,
): PartnerStatus | 'unregistered' {
  if (statuses == null || typeof statuses !== 'object') return 'unregistered';
  if (!Object.prototype.hasOwnProperty.call(statuses, partnerId)) return 'unregistered';
  const status = statuses[partnerId];
  return status === 'active' || status === 'deactivated' ? status : 'unregistered';
}
