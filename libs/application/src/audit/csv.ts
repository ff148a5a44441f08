/** A cell as the CSV export writes it: numbers and booleans as is, `null` as an empty cell. */
export type CsvCell = string | number | boolean | null;

/**
 * One RFC 4180 record, CRLF-terminated. A field containing a comma, a double quote, CR or LF is
 * enclosed in double quotes, with each double quote doubled. A text cell that a spreadsheet would
 * run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is prefixed with `'` (OWASP CSV
 * injection); numbers are never touched.
 */
export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
