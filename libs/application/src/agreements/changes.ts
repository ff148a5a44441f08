/** A copy without the keys whose value is `undefined` (`null` is kept: it clears a value). */
export function definedOnly<T extends object>(changes: T | null | undefined): T {
  const copy = {} as T;
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (value !== undefined) (copy as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
  }
  return copy;
}
