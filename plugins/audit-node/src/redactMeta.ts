import { JsonObject, JsonValue } from '@backstage/types';

/** What a removed secret is replaced with. */
export const REDACTED = '(redacted)';

const MAX_STRING = 1000;
const MAX_DEPTH = 8;
const MAX_ARRAY = 100;

// Compared after dropping case, dashes and underscores: `api_key`, `apiKey`, `API-KEY`.
const SECRET_KEY =
  /password|passwd|passphrase|secret|token|apikey|authorization|cookie|privatekey|credential|sessionid|clientsecret/;

const SECRET_VALUES = [
  /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/, // JWT
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/, // GitHub tokens
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/i,
  /\bbasic\s+[A-Za-z0-9+/]{8,}={0,2}/i,
];

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[-_\s]/g, ''));
}

/**
 * Text as every database can store it: PostgreSQL refuses a NUL character in text, and a
 * path id or a body field may hold one. Without this, such a request's medium event could
 * not be stored and the request would fail closed with 503 instead of its own 4xx.
 */
export function storableText(value: string): string {
  return value.includes('\u0000')
    ? value.split('\u0000').join('\uFFFD')
    : value;
}

/** A string value with secrets replaced and its length capped. */
export function redactString(value: string): string {
  if (SECRET_VALUES.some(pattern => pattern.test(value))) {
    return REDACTED;
  }
  const text = storableText(value);
  return text.length > MAX_STRING
    ? `${text.slice(0, MAX_STRING)}…(truncated)`
    : text;
}

function redactValue(value: JsonValue | undefined, depth: number): JsonValue {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value === 'string') {
    return redactString(value);
  }
  if (typeof value !== 'object') {
    return value;
  }
  if (depth >= MAX_DEPTH) {
    return '(too deep)';
  }
  if (Array.isArray(value)) {
    const items = value
      .slice(0, MAX_ARRAY)
      .map(item => redactValue(item, depth + 1));
    if (value.length > MAX_ARRAY) {
      items.push(`(${value.length - MAX_ARRAY} more)`);
    }
    return items;
  }
  return redactObject(value, depth + 1);
}

function redactObject(object: JsonObject, depth: number): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    result[storableText(key)] = isSecretKey(key)
      ? REDACTED
      : redactValue(value, depth);
  }
  return result;
}

/**
 * An event's meta as it may be stored: values under secret-looking keys (password, token,
 * apiKey, authorization, cookie, privateKey, credentials…) and values that look like secrets
 * (JWTs, AWS keys, private keys, GitHub and bearer tokens) replaced with "(redacted)", long
 * strings truncated, and depth and array length capped.
 */
export function redactMeta(meta: JsonObject | undefined): JsonObject {
  return meta ? redactObject(meta, 0) : {};
}
