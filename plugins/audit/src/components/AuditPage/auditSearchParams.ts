import { AuditOutcome, AuditSeverity } from '@internal/plugin-audit-common';
import { AuditFilters } from '../../api/AuditApi';

/** The outcomes an entry can have, in the order the filter lists them. */
export const OUTCOMES: AuditOutcome[] = ['initiated', 'succeeded', 'failed'];

/** The severities an entry can have, lowest first. */
export const SEVERITIES: AuditSeverity[] = [
  'low',
  'medium',
  'high',
  'critical',
];

const TEXT_KEYS = [
  'actor',
  'plugin',
  'eventId',
  'action',
  'target',
  'text',
  'from',
  'to',
] as const;

function oneOf<T extends string>(values: T[], value: string | null) {
  return values.find(candidate => candidate === value);
}

/** The filters a page URL holds, so that a filtered view can be linked; times are ISO. */
export function filtersFromSearchParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of TEXT_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const outcome = oneOf(OUTCOMES, params.get('outcome'));
  if (outcome) filters.outcome = outcome;
  const severity = oneOf(SEVERITIES, params.get('severity'));
  if (severity) filters.severity = severity;
  return filters;
}

/** The URL query of the filters, without the empty ones. */
export function searchParamsFromFilters(
  filters: AuditFilters,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (trimmed) params.set(key, trimmed);
  }
  return params;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a `datetime-local` input shows it, in the browser's zone, to the minute. */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` input's value (the browser's zone) as an ISO time. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
