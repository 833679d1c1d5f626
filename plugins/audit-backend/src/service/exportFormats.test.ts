import { AuditEntry } from '@internal/plugin-audit-common';
import { exportFormats } from './exportFormats';

const entry: AuditEntry = {
  id: '7',
  timestamp: '2025-03-01T10:00:00.000Z',
  correlationId: 'c-1',
  actor: { ref: 'user:default/ada', type: 'user', ip: '10.0.0.1' },
  plugin: 'catalog',
  eventId: 'entity-mutate',
  action: 'delete',
  target: '=HYPERLINK("http://evil")',
  outcome: 'failed',
  error: 'NotAllowedError: no, "really"',
  severity: 'medium',
  meta: { note: 'two\nlines, a comma' },
  hash: 'h7',
  prevHash: 'h6',
};

describe('exportFormats', () => {
  it('writes a CSV header and one escaped row per entry, meta as JSON', () => {
    const { csv } = exportFormats;
    expect(csv.header).toBe(
      'id,timestamp,correlationId,actorRef,actorType,ip,userAgent,plugin,eventId,action,target,outcome,severity,error,meta,hash,prevHash\r\n',
    );
    expect(csv.row(entry)).toBe(
      `${[
        '7',
        '2025-03-01T10:00:00.000Z',
        'c-1',
        'user:default/ada',
        'user',
        '10.0.0.1',
        '',
        'catalog',
        'entity-mutate',
        'delete',
        `"'=HYPERLINK(""http://evil"")"`,
        'failed',
        'medium',
        '"NotAllowedError: no, ""really"""',
        '"{""note"":""two\\nlines, a comma""}"',
        'h7',
        'h6',
      ].join(',')}\r\n`,
    );
  });

  it('writes NDJSON as one JSON entry per line', () => {
    const line = exportFormats.ndjson.row(entry);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(entry);
    expect(exportFormats.ndjson.header).toBe('');
  });
});
