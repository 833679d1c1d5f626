/**
 * JSON with object keys sorted at every depth, so equal values always serialise the same way.
 * The approvals backend hashes this to get a request's `payloadHash`.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .filter(key => obj[key] !== undefined)
        .sort()
        .map(key => [key, sortKeys(obj[key])]),
    );
  }
  return value;
}
