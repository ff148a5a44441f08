import type { RecordedEvent } from '@ikrar/event-store';
import { BadPayloadError } from './errors';

const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Typed, checked access to an event payload. Reducers read every field they use through it, so a
 * malformed event throws a BadPayloadError naming the field instead of writing `undefined` into a document.
 */
export class Fields {
  private constructor(
    private readonly data: Record<string, unknown>,
    /** Where these fields are, for error messages: spelled out only when one is thrown. */
    private readonly where: () => string,
  ) {}

  static of(event: RecordedEvent): Fields {
    const where = () => `${event.type} at position ${event.globalPosition}`;
    if (!isRecord(event.data)) throw new BadPayloadError(`${where()}: data is not an object`);
    return new Fields(event.data, where);
  }

  /** A non-empty string (ids, names, codes). */
  text(name: string): string {
    const value = this.data[name];
    if (typeof value !== 'string' || value.length === 0) this.fail(name, 'a non-empty string', value);
    return value as string;
  }

  nullableText(name: string): string | null {
    return this.data[name] == null ? null : this.text(name);
  }

  date(name: string): string {
    const value = this.data[name];
    if (typeof value !== 'string' || !CALENDAR_DATE.test(value)) this.fail(name, 'a YYYY-MM-DD date', value);
    return value as string;
  }

  nullableDate(name: string): string | null {
    return this.data[name] == null ? null : this.date(name);
  }

  /** A whole number >= 0 (quantities, rupiah, counters). */
  count(name: string): number {
    const value = this.data[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) this.fail(name, 'a whole number >= 0', value);
    return value as number;
  }

  texts(name: string): string[] {
    const value = this.data[name];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.length === 0)) {
      this.fail(name, 'a list of non-empty strings', value);
    }
    return [...(value as string[])];
  }

  list(name: string): Fields[] {
    const value = this.data[name];
    if (!Array.isArray(value) || !value.every(isRecord)) this.fail(name, 'a list of objects', value);
    return (value as Record<string, unknown>[]).map((item, index) => new Fields(item, () => `${this.where()}: ${name}[${index}]`));
  }

  object(name: string): Fields {
    const value = this.data[name];
    if (!isRecord(value)) this.fail(name, 'an object', value);
    return new Fields(value as Record<string, unknown>, () => `${this.where()}: ${name}`);
  }

  /** The field is present (an optional change field: absent means "unchanged"; null may be a real value). */
  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.data, name) && this.data[name] !== undefined;
  }

  private fail(name: string, expected: string, value: unknown): never {
    throw new BadPayloadError(`${this.where()}: ${name} must be ${expected}, got ${describe(value)}`);
  }
}

/** Reads an id from a payload without throwing: `reads()` is lenient, `project()` reports the bad payload. */
export function idIn(event: RecordedEvent, name: string): string | null {
  const value = isRecord(event.data) ? event.data[name] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
