/** A missing, malformed, forged, expired or misdirected token: 401, with the reason for the caller. */
export class AuthenticationError extends Error {
  constructor(readonly reason: string) {
    super(`The bearer token was refused: ${reason}`);
    this.name = 'AuthenticationError';
  }
}
