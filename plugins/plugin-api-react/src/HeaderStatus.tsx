import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    borderRadius: 12, // a small chip's
    backgroundColor: theme.palette.background.paper,
  },
}));

/**
 * Holds a status chip in a page's Header. The header's colours are the chip's background
 * there, and an outlined chip ("Awaiting approval", dark blue on purple) could hardly be
 * read; on the paper background it looks as it does in a table.
 */
export const HeaderStatus = ({ children }: { children: ReactNode }) => {
  const classes = useStyles();
  return <span className={classes.root}>{children}</span>;
};
