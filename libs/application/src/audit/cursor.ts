/**
 * Audit trail cursors are opaque to clients: base64url of the global position of the last
 * event a page returned. The next page starts strictly after (or, newest first, before) it.
 */
export function encodeAuditCursor(globalPosition: number): string {
  return Buffer.from(String(globalPosition), 'utf8').toString('base64url');
}

/** The position a cursor names, or `null` when it is not one this API issued. */
export function decodeAuditCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,24}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^(0|[1-9]\d{0,15})$/.test(text)) return null;
  const position = Number(text);
  return Number.isSafeInteger(position) && encodeAuditCursor(position) === cursor ? position : null;
}
