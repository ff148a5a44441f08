import { DeactivatePartnerHandler } from './deactivate-partner';
import { ErasePartnerContactHandler } from './erase-partner-contact';
import { GetPartnerHandler } from './get-partner';
import { RegisterPartnerHandler } from './register-partner';
import { UpdatePartnerDetailsHandler } from './update-partner-details';

export * from './register-partner';
export * from './update-partner-details';
export * from './deactivate-partner';
export * from './erase-partner-contact';
export * from './get-partner';

export const PARTNER_HANDLERS = [
  RegisterPartnerHandler,
  UpdatePartnerDetailsHandler,
  DeactivatePartnerHandler,
  ErasePartnerContactHandler,
  GetPartnerHandler,
];
