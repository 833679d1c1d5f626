import { accessDurationSeconds } from './durations';

describe('accessDurationSeconds', () => {
  it('reads a whole number and one unit', () => {
    expect(accessDurationSeconds('20s')).toBe(20);
    expect(accessDurationSeconds('30m')).toBe(1800);
    expect(accessDurationSeconds('4h')).toBe(14_400);
    expect(accessDurationSeconds('1d')).toBe(86_400);
  });

  it.each([
    '',
    '0m',
    '1.5h',
    '90',
    '4 h',
    '4H',
    'h',
    '01h',
    '1w',
    ' 1h',
    '1h ',
  ])('refuses %j', text => {
    expect(accessDurationSeconds(text)).toBeUndefined();
  });
});
