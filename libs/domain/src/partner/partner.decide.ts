import {
  DomainRuleViolation,
  SECTORS,
  checkActor,
  isNonBlank,
  isRegionCode,
  requireOwnPartner,
  requireSecretariat,
  rule,
} from '../shared';
import {
  DeactivatePartner,
  EraseContact,
  PartnerCommand,
  PartnerDetailsChanges,
  RegisterPartner,
  SealedContact,
  UpdatePartnerDetails,
} from './partner.commands';
import { PartnerEvent } from './partner.events';
import { PartnerState } from './partner.state';

export function decidePartner(command: PartnerCommand, state: PartnerState): PartnerEvent[] {
  switch (command.type) {
    case 'RegisterPartner':
      return register(command.data, state);
    case 'UpdatePartnerDetails':
      return updateDetails(command.data, state);
    case 'DeactivatePartner':
      return deactivate(command.data, state);
    case 'EraseContact':
      return eraseContact(command.data, state);
    default: {
      const unknown = command as { type?: unknown };
      throw new DomainRuleViolation('command-unknown', `Unknown partner command ${String(unknown?.type)}`);
    }
  }
}

function register(data: RegisterPartner['data'], state: PartnerState): PartnerEvent[] {
  requirePartnerAdministration(data.actor, 'register partners');
  rule(state.status === 'unregistered', 'partner-already-registered', 'This partner is already registered');
  rule(isNonBlank(data.partnerId), 'partner-id-required', 'A partner needs an id');
  rule(isNonBlank(data.name), 'partner-name-required', 'A partner needs a name');
  checkSector(data.sector);
  const regionCode = data.regionCode ?? null;
  checkRegionCode(regionCode);
  const contact = data.contact ?? null;
  checkContact(contact);
  return [
    {
      type: 'PartnerRegistered',
      data: { partnerId: data.partnerId, name: data.name, sector: data.sector, regionCode, contact },
    },
  ];
}

function updateDetails(data: UpdatePartnerDetails['data'], state: PartnerState): PartnerEvent[] {
  // A partner user keeps its own organisation's details up to date; everyone else's are the secretariat's.
  requireOwnPartner(
    checkActor(data.actor),
    data.partnerId,
    'partner-write-requires-secretariat',
    "A partner user may update only its own partner's details; the secretariat keeps the others",
  );
  requireRegistered(data.partnerId, state);
  rule(state.status !== 'deactivated', 'partner-deactivated', 'A deactivated partner cannot be changed');
  const requested = (data.changes ?? {}) as PartnerDetailsChanges;
  const changes: PartnerDetailsChanges = {};

  if (requested.name !== undefined) {
    rule(isNonBlank(requested.name), 'partner-name-required', 'A partner needs a name');
    if (requested.name !== state.name) changes.name = requested.name;
  }
  if (requested.sector !== undefined) {
    checkSector(requested.sector);
    if (requested.sector !== state.sector) changes.sector = requested.sector;
  }
  if (requested.regionCode !== undefined) {
    checkRegionCode(requested.regionCode);
    if (requested.regionCode !== state.regionCode) changes.regionCode = requested.regionCode;
  }
  if (requested.contact !== undefined) {
    checkContact(requested.contact);
    if (!sameContact(requested.contact, state.contact)) {
      changes.contact = requested.contact === null ? null : { keyId: requested.contact.keyId, ciphertext: requested.contact.ciphertext };
    }
  }

  rule(Object.keys(changes).length > 0, 'no-changes', 'Nothing in the request differs from the partner as recorded');
  return [{ type: 'PartnerDetailsUpdated', data: { partnerId: data.partnerId, changes } }];
}

function deactivate(data: DeactivatePartner['data'], state: PartnerState): PartnerEvent[] {
  requirePartnerAdministration(data.actor, 'deactivate partners');
  requireRegistered(data.partnerId, state);
  rule(state.status !== 'deactivated', 'partner-already-deactivated', 'This partner is already deactivated');
  rule(isNonBlank(data.reason), 'reason-required', 'Deactivating a partner needs a reason');
  return [{ type: 'PartnerDeactivated', data: { partnerId: data.partnerId, reason: data.reason } }];
}

function eraseContact(data: EraseContact['data'], state: PartnerState): PartnerEvent[] {
  requirePartnerAdministration(data.actor, 'erase contacts');
  requireRegistered(data.partnerId, state);
  rule(state.contact !== null, 'partner-has-no-contact', 'This partner has no contact to erase');
  rule(isNonBlank(data.reason), 'reason-required', 'Erasing a contact needs a reason');
  return [{ type: 'PartnerContactErased', data: { partnerId: data.partnerId, reason: data.reason } }];
}

/** The secretariat registers partners and keeps the register: a partner user may not. */
function requirePartnerAdministration(actor: unknown, act: string): void {
  requireSecretariat(checkActor(actor), 'partner-write-requires-secretariat', `Only the secretariat may ${act}`);
}

function requireRegistered(partnerId: string, state: PartnerState): void {
  rule(
    state.status !== 'unregistered' && partnerId === state.partnerId,
    'partner-not-found',
    `Partner ${String(partnerId)} is not registered`,
  );
}

function checkSector(sector: unknown): void {
  rule((SECTORS as readonly unknown[]).includes(sector), 'sector-unknown', `Unknown sector ${String(sector)}`, {
    allowed: [...SECTORS],
  });
}

function checkRegionCode(regionCode: unknown): void {
  rule(regionCode === null || isRegionCode(regionCode), 'region-code-invalid', `Malformed region code ${String(regionCode)}`);
}

function checkContact(contact: unknown): asserts contact is SealedContact | null {
  if (contact === null) return;
  const candidate = contact as Partial<SealedContact> | undefined;
  rule(
    typeof candidate === 'object' && isNonBlank(candidate.keyId) && isNonBlank(candidate.ciphertext),
    'contact-invalid',
    'A sealed contact needs a key id and a ciphertext',
  );
}

function sameContact(a: SealedContact | null, b: SealedContact | null): boolean {
  if (a === null || b === null) return a === b;
  return a.keyId === b.keyId && a.ciphertext === b.ciphertext;
}
