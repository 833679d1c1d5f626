import {
  PlanSummaryDocument,
  PlannedActionName,
} from '@internal/plugin-infra-common';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { alpha } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import { Alert } from '@material-ui/lab';

type Tone = 'destroy' | 'replace' | 'plain';

type Group = { title: string; label: string; tone: Tone };

// Destructive groups come first: they are what an approver must not miss.
const GROUPS: Array<[PlannedActionName, Group]> = [
  ['delete', { title: 'Destroy', label: 'will be DESTROYED', tone: 'destroy' }],
  [
    'replace',
    {
      title: 'Replace',
      label: 'will be REPLACED (destroyed, then created)',
      tone: 'replace',
    },
  ],
  ['create', { title: 'Create', label: 'will be created', tone: 'plain' }],
  [
    'update',
    {
      title: 'Update in place',
      label: 'will be updated in place',
      tone: 'plain',
    },
  ],
  ['read', { title: 'Read', label: 'will be read', tone: 'plain' }],
  ['no-op', { title: 'No change', label: 'no change', tone: 'plain' }],
];

const useStyles = makeStyles(theme => ({
  counts: { fontWeight: 600, marginBottom: theme.spacing(2) },
  group: { marginTop: theme.spacing(2) },
  address: { fontFamily: 'monospace', wordBreak: 'break-all' },
  destroy: {
    backgroundColor: alpha(theme.palette.error.main, 0.15),
    '& $label': { color: theme.palette.error.main, fontWeight: 700 },
  },
  replace: {
    backgroundColor: alpha(theme.palette.warning.main, 0.2),
    '& $label': { color: theme.palette.warning.dark, fontWeight: 700 },
  },
  plain: {},
  label: { display: 'inline-flex', alignItems: 'center' },
  icon: { fontSize: 18, marginRight: theme.spacing(0.5) },
  alert: { marginBottom: theme.spacing(1) },
}));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A Terraform plan summary: the counts, then every resource grouped by what happens to it. */
export const PlanSummaryView = ({
  summary: plan,
}: {
  summary: PlanSummaryDocument;
}) => {
  const classes = useStyles();
  const known = new Set<string>(GROUPS.map(([action]) => action));
  const groups: Array<[string, Group]> = [
    ...GROUPS,
    ['other', { title: 'Other', label: 'other change', tone: 'plain' }],
  ];
  const rowsOf = (action: string) =>
    plan.resources.filter(r =>
      action === 'other' ? !known.has(r.action) : r.action === action,
    );

  return (
    <div data-testid="plan-summary">
      <Typography className={classes.counts}>
        <span data-testid="plan-add-count">{plan.add} to add</span>,{' '}
        <span data-testid="plan-change-count">{plan.change} to change</span>,{' '}
        <span data-testid="plan-destroy-count">{plan.destroy} to destroy</span>
        {plan.replace > 0 && (
          <>
            {' '}
            (
            <span data-testid="plan-replace-count">
              {plan.replace} replaced
            </span>
            )
          </>
        )}
      </Typography>
      {plan.destroy - plan.replace > 0 && (
        <Alert severity="error" className={classes.alert}>
          This plan destroys {plural(plan.destroy - plan.replace, 'resource')}.
        </Alert>
      )}
      {plan.replace > 0 && (
        <Alert severity="warning" className={classes.alert}>
          This plan replaces {plural(plan.replace, 'resource')}: each is
          destroyed and created again, and its data may be lost.
        </Alert>
      )}
      {plan.resources.length === 0 && (
        <Typography color="textSecondary">
          No changes: the infrastructure already matches the request.
        </Typography>
      )}
      {groups.map(([action, group]) => {
        const rows = rowsOf(action);
        if (rows.length === 0) return null;
        return (
          <Box key={action} className={classes.group}>
            <Typography variant="subtitle2">
              {group.title} ({rows.length})
            </Typography>
            <Table size="small" aria-label={group.title}>
              <TableHead>
                <TableRow>
                  <TableCell>Address</TableCell>
                  <TableCell>Type</TableCell>
                  <TableCell>Action</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map(row => (
                  <TableRow
                    key={`${row.action}:${row.address}`}
                    className={classes[group.tone]}
                  >
                    <TableCell className={classes.address}>
                      {row.address}
                    </TableCell>
                    <TableCell>{row.type}</TableCell>
                    <TableCell>
                      <span className={classes.label}>
                        {group.tone !== 'plain' && (
                          <WarningIcon
                            className={classes.icon}
                            aria-label="warning"
                          />
                        )}
                        {action === 'other' ? row.action : group.label}
                      </span>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        );
      })}
    </div>
  );
};
