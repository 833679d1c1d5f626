import { Theme } from '@material-ui/core';
import { InfraOpsOutcome } from '@internal/plugin-infra-common';

/** The colour of each outcome, from the app theme's palette so it follows light and dark. */
export function outcomeColors(theme: Theme): Record<InfraOpsOutcome, string> {
  const { palette } = theme;
  return {
    applied: palette.success.main,
    failed: palette.error.main,
    rejected: palette.warning.main,
    expired: palette.grey[500],
    cancelled: palette.grey[400],
    superseded: palette.info.main,
    open: palette.primary.main,
  };
}
