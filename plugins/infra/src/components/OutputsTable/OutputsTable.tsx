import {
  Table,
  TableBody,
  TableCell,
  TableRow,
  makeStyles,
} from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  key: { fontWeight: 600, width: '30%', verticalAlign: 'top' },
  value: {
    fontFamily: theme.typography.fontFamily,
    wordBreak: 'break-all',
    '& code': { fontSize: theme.typography.body2.fontSize },
  },
}));

function display(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Terraform outputs as a key/value table. */
export const OutputsTable = ({
  outputs,
}: {
  outputs: Record<string, unknown>;
}) => {
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Outputs">
      <TableBody>
        {Object.entries(outputs).map(([key, value]) => (
          <TableRow key={key}>
            <TableCell className={classes.key}>{key}</TableCell>
            <TableCell className={classes.value}>
              <code>{display(value)}</code>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
