/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * - Object members are sorted by their names compared as arrays of UTF-16 code units.
 * - Numbers are serialized as ECMAScript `Number.prototype.toString` does (-0 becomes `0`).
 * - Strings use the minimal escaping of `JSON.stringify` (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
 *   other controls below U+0020 as lowercase `\u00xx`; everything else literal, UTF-8 on the wire).
 * - No whitespace.
 *
 * Input rules (stricter than `JSON.stringify`, so a hash can never silently cover less data than given):
 * - NaN / Infinity, bigint, symbol, function and `undefined` as a value (top level or array element)
 *   are rejected. An object member whose value is `undefined` is omitted, as `JSON.stringify` does.
 * - Lone UTF-16 surrogates in strings or member names are rejected (I-JSON, RFC 7493).
 * - A `toJSON()` method (e.g. on `Date`) is honoured first, as in `JSON.stringify`; an invalid Date is rejected.
 * - After that only arrays and plain objects (prototype `Object.prototype` or `null`) are accepted;
 *   `Map`, `Set`, class instances etc. are rejected. Cycles are rejected.
 */

export class CanonicalizationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalizationError';
  }
}

/** Canonical JSON text of `value` (RFC 8785). */
export function canonicalize(value: unknown): string {
  return serialize(value, '', new Set<object>(), '$');
}

/** Canonical JSON of `value` as UTF-8 bytes, the input to hashing and signing. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}

/** Compares two strings by UTF-16 code units (RFC 8785 §3.2.3). */
export function compareUtf16(a: string, b: string): number {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serializeString(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) {
    throw new CanonicalizationError(`lone surrogate in string at ${path}`);
  }
  return JSON.stringify(s);
}

function serialize(value: unknown, key: string, seen: Set<object>, path: string): string {
  if (value instanceof Date && Number.isNaN(value.getTime())) {
    // Date.prototype.toJSON would silently turn it into null.
    throw new CanonicalizationError(`invalid Date at ${path}`);
  }
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (k: string) => unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'string':
      return serializeString(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalizationError(`non-finite number at ${path}`);
      }
      // ECMAScript Number::toString; JSON.stringify yields the same and maps -0 to "0".
      return JSON.stringify(value);
    case 'undefined':
      throw new CanonicalizationError(`undefined at ${path}`);
    case 'bigint':
    case 'symbol':
    case 'function':
      throw new CanonicalizationError(`unsupported ${typeof value} at ${path}`);
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) throw new CanonicalizationError(`cycle at ${path}`);
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      const parts: string[] = [];
      for (let i = 0; i < obj.length; i++) {
        parts.push(serialize(obj[i], String(i), seen, `${path}[${i}]`));
      }
      return `[${parts.join(',')}]`;
    }
    const proto = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto && proto.constructor && proto.constructor.name) || 'object';
      throw new CanonicalizationError(`unsupported ${name} at ${path}`);
    }
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record).sort(compareUtf16);
    const parts: string[] = [];
    for (const k of keys) {
      const v = record[k];
      if (v === undefined) continue;
      const childPath = `${path}.${k}`;
      parts.push(`${serializeString(k, childPath)}:${serialize(v, k, seen, childPath)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}
