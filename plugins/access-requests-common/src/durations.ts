const DURATION = /^([1-9][0-9]{0,4})(s|m|h|d)$/;

const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/**
 * The length in seconds of a duration as the config writes it: a whole number and one unit,
 * `s`, `m`, `h` or `d` (`20s`, `30m`, `4h`, `1d`). Anything else, `1.5h`, `90`, `4 h` or
 * `0m`, is undefined.
 */
export function accessDurationSeconds(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const unit = match[2] as keyof typeof SECONDS_PER_UNIT;
  return Number(match[1]) * SECONDS_PER_UNIT[unit];
}
