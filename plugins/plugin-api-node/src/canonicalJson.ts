/**
 * JSON with object keys sorted at every depth and undefined members left out, so equal values
 * always serialise the same way: the approvals backend hashes it for a request's
 * `payloadHash`, the audit store for each entry of its chain.
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
