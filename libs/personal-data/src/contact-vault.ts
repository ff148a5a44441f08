/** A contact person's details: personal data under UU 27/2022. */
export interface Contact {
  readonly email: string | null;
  readonly phone: string | null;
}

/** What the ledger stores instead of the contact: ciphertext under a per-partner key. */
export interface SealedContact {
  readonly keyId: string;
  readonly ciphertext: string;
}

/**
 * Crypto-shredding: each partner's contact is encrypted with that partner's own key, kept
 * outside the event log. Erasing the key makes every recorded copy unreadable without
 * rewriting a single event.
 */
export interface ContactVault {
  seal(partnerId: string, contact: Contact): Promise<SealedContact>;
  /** `null` when the partner's key was erased. */
  open(sealed: SealedContact): Promise<Contact | null>;
  erase(partnerId: string): Promise<void>;
  close(): Promise<void>;
}
