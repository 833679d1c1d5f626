import { Tooltip, Typography } from '@material-ui/core';

/** A time in the browser's zone, with the stored ISO time on hover. */
export const EntryTime = ({ timestamp }: { timestamp: string }) => (
  <Tooltip title={timestamp}>
    <Typography variant="body2" component="span">
      {new Date(timestamp).toLocaleString()}
    </Typography>
  </Tooltip>
);
