import { makeStyles } from '@material-ui/core';

/** Colours like `terraform plan`: green adds, amber changes, red destroys. */
export const usePlanStyles = makeStyles(theme => ({
  added: { color: theme.palette.success.dark },
  changed: { color: theme.palette.warning.dark },
  removed: { color: theme.palette.error.dark },
  unchanged: { color: theme.palette.text.secondary },
  read: { color: theme.palette.info.dark },
  mono: {
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
  },
  marker: { fontStyle: 'italic' },
  forces: { color: theme.palette.error.dark, fontWeight: 700 },
  children: {
    paddingLeft: theme.spacing(2.5),
    borderLeft: `1px dotted ${theme.palette.divider}`,
    marginLeft: theme.spacing(0.5),
  },
  fold: {
    padding: 0,
    minWidth: 0,
    textTransform: 'none',
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    color: theme.palette.text.secondary,
  },
}));
