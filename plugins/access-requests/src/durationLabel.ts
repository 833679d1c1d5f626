const UNITS: Record<string, string> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
};

/** A duration as the config writes it in words: `4h` → `4 hours`, `1d` → `1 day`. */
export function durationLabel(duration: string): string {
  const match = /^(\d+)([smhd])$/.exec(duration);
  if (!match) return duration;
  const count = Number(match[1]);
  return `${count} ${UNITS[match[2]]}${count === 1 ? '' : 's'}`;
}
