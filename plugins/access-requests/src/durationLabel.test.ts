import { durationLabel } from './durationLabel';

describe('durationLabel', () => {
  it.each([
    ['20s', '20 seconds'],
    ['1m', '1 minute'],
    ['30m', '30 minutes'],
    ['4h', '4 hours'],
    ['1d', '1 day'],
  ])('writes %s as %s', (duration, words) => {
    expect(durationLabel(duration)).toBe(words);
  });

  it('leaves what it does not understand as written', () => {
    expect(durationLabel('1.5h')).toBe('1.5h');
  });
});
