import { toCsv } from '@internal/plugin-api-node';
import { AuditEntry } from '@internal/plugin-audit-common';

/** A format the trail exports to: its file, its content type and how entries become text. */
export type ExportFormat = {
  filename: string;
  contentType: string;
  /** What comes before the first entry. */
  header: string;
  row(entry: AuditEntry): string;
};

const CSV_COLUMNS: Array<[string, (entry: AuditEntry) => string | undefined]> =
  [
    ['id', e => e.id],
    ['timestamp', e => e.timestamp],
    ['correlationId', e => e.correlationId],
    ['actorRef', e => e.actor.ref],
    ['actorType', e => e.actor.type],
    ['ip', e => e.actor.ip],
    ['userAgent', e => e.actor.userAgent],
    ['plugin', e => e.plugin],
    ['eventId', e => e.eventId],
    ['action', e => e.action],
    ['target', e => e.target],
    ['outcome', e => e.outcome],
    ['severity', e => e.severity],
    ['error', e => e.error],
    ['meta', e => JSON.stringify(e.meta)],
    ['hash', e => e.hash],
    ['prevHash', e => e.prevHash],
  ];

/** The export formats by their `format` query value. */
export const exportFormats: Record<'csv' | 'ndjson', ExportFormat> = {
  csv: {
    filename: 'gantry-audit.csv',
    contentType: 'text/csv; charset=utf-8',
    header: toCsv([CSV_COLUMNS.map(([name]) => name)]),
    row: entry => toCsv([CSV_COLUMNS.map(([, cell]) => cell(entry) ?? '')]),
  },
  ndjson: {
    filename: 'gantry-audit.ndjson',
    contentType: 'application/x-ndjson; charset=utf-8',
    header: '',
    row: entry => `${JSON.stringify(entry)}\n`,
  },
};
