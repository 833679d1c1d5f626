import {
  filtersFromSearchParams,
  isoToLocalInput,
  localInputToIso,
  searchParamsFromFilters,
} from './auditSearchParams';

describe('audit search params', () => {
  it('reads the known filters and drops unknown outcomes and severities', () => {
    expect(
      filtersFromSearchParams(
        new URLSearchParams(
          'actor=user%3Adefault%2Fdev&plugin=&outcome=failed&severity=huge&other=x',
        ),
      ),
    ).toEqual({ actor: 'user:default/dev', outcome: 'failed' });
  });

  it('writes only the filters that are set', () => {
    expect(
      searchParamsFromFilters({
        plugin: 'infra',
        actor: ' ',
        severity: 'high',
        text: undefined,
      }).toString(),
    ).toBe('plugin=infra&severity=high');
  });

  it('round-trips a local input time through ISO', () => {
    const iso = localInputToIso('2025-03-04T05:06');
    expect(iso).toMatch(/Z$/);
    expect(isoToLocalInput(iso)).toBe('2025-03-04T05:06');
    expect(localInputToIso('')).toBeUndefined();
    expect(isoToLocalInput('not a time')).toBe('');
  });
});
