import { useState } from 'react';
import { AccessRequest } from '@internal/plugin-access-requests-common';
import { Typography } from '@material-ui/core';
import { DateTime } from 'luxon';
import useInterval from 'react-use/esm/useInterval';

/** A moment as people read it: the time alone today, the date too otherwise. */
export function formatMoment(iso: string, now = DateTime.now()): string {
  const moment = DateTime.fromISO(iso);
  return moment.hasSame(now, 'day')
    ? moment.toLocaleString(DateTime.TIME_WITH_SECONDS)
    : moment.toLocaleString(DateTime.DATETIME_MED);
}

/**
 * When an active grant ends: "until 14:05:00 · in 3 minutes", counting down; once the moment
 * has passed, "ended at 14:05:00" (the server marks it expired on its next sweep).
 */
export const GrantExpiry = ({ request }: { request: AccessRequest }) => {
  const [now, setNow] = useState(() => DateTime.now());
  const expiresAt = request.expiresAt;
  const ticking = request.status === 'active' && Boolean(expiresAt);
  useInterval(() => setNow(DateTime.now()), ticking ? 1000 : null);
  if (!expiresAt) return null;

  const end = DateTime.fromISO(expiresAt);
  let text: string;
  if (request.status !== 'active') {
    // Only an expired grant ran its full course; a revoked one ended at `revokedAt`.
    if (request.status !== 'expired') return null;
    text = `Ended ${formatMoment(expiresAt, now)}`;
  } else if (end <= now) {
    text = `Ended ${formatMoment(expiresAt, now)}`;
  } else {
    text = `Until ${formatMoment(expiresAt, now)} · ${end.toRelative({
      base: now,
    })}`;
  }
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="grant-expiry"
    >
      {text}
    </Typography>
  );
};
