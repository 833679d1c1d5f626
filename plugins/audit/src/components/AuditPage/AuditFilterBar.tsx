import {
  Button,
  ButtonGroup,
  Grid,
  MenuItem,
  TextField,
} from '@material-ui/core';
import { AuditFilters } from '../../api/AuditApi';
import {
  isoToLocalInput,
  localInputToIso,
  OUTCOMES,
  SEVERITIES,
} from './auditSearchParams';

const HOUR = 60 * 60 * 1000;

/** The quick time ranges: from this long ago until now. */
const PRESETS = [
  { label: 'Last hour', ms: HOUR },
  { label: 'Last 24 h', ms: 24 * HOUR },
  { label: 'Last 7 days', ms: 7 * 24 * HOUR },
];

const TEXT_FIELDS = [
  { key: 'actor', label: 'Actor', placeholder: 'user:default/dev' },
  { key: 'plugin', label: 'Plugin', placeholder: 'infra' },
  { key: 'eventId', label: 'Event id', placeholder: 'infra-apply' },
  { key: 'target', label: 'Target', placeholder: 'component:default/web' },
  { key: 'text', label: 'Text in meta', placeholder: 'bucket' },
] as const;

/** The trail's filters: who, which plugin and event, what on, how it went, and when. */
export const AuditFilterBar = ({
  value,
  onChange,
}: {
  value: AuditFilters;
  onChange: (value: AuditFilters) => void;
}) => (
  <Grid container spacing={2}>
    {TEXT_FIELDS.map(field => (
      <Grid item xs={12} sm={6} md={4} lg={2} key={field.key}>
        <TextField
          id={`audit-filter-${field.key}`}
          fullWidth
          variant="outlined"
          size="small"
          label={field.label}
          placeholder={field.placeholder}
          value={value[field.key] ?? ''}
          onChange={event =>
            onChange({ ...value, [field.key]: event.target.value })
          }
        />
      </Grid>
    ))}
    <Grid item xs={6} md={2} lg={1}>
      <TextField
        id="audit-filter-outcome"
        select
        fullWidth
        variant="outlined"
        size="small"
        label="Outcome"
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
        value={value.outcome ?? ''}
        onChange={event =>
          onChange({
            ...value,
            outcome: OUTCOMES.find(outcome => outcome === event.target.value),
          })
        }
      >
        <MenuItem value="">Any</MenuItem>
        {OUTCOMES.map(outcome => (
          <MenuItem key={outcome} value={outcome}>
            {outcome}
          </MenuItem>
        ))}
      </TextField>
    </Grid>
    <Grid item xs={6} md={2} lg={1}>
      <TextField
        id="audit-filter-severity"
        select
        fullWidth
        variant="outlined"
        size="small"
        label="Severity"
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
        value={value.severity ?? ''}
        onChange={event =>
          onChange({
            ...value,
            severity: SEVERITIES.find(
              severity => severity === event.target.value,
            ),
          })
        }
      >
        <MenuItem value="">Any</MenuItem>
        {SEVERITIES.map(severity => (
          <MenuItem key={severity} value={severity}>
            {severity}
          </MenuItem>
        ))}
      </TextField>
    </Grid>
    <Grid item xs={12} sm={6} md={3}>
      <TextField
        id="audit-filter-from"
        type="datetime-local"
        fullWidth
        variant="outlined"
        size="small"
        label="From"
        InputLabelProps={{ shrink: true }}
        value={isoToLocalInput(value.from)}
        onChange={event =>
          onChange({ ...value, from: localInputToIso(event.target.value) })
        }
      />
    </Grid>
    <Grid item xs={12} sm={6} md={3}>
      <TextField
        id="audit-filter-to"
        type="datetime-local"
        fullWidth
        variant="outlined"
        size="small"
        label="To"
        InputLabelProps={{ shrink: true }}
        value={isoToLocalInput(value.to)}
        onChange={event =>
          onChange({ ...value, to: localInputToIso(event.target.value) })
        }
      />
    </Grid>
    <Grid item xs={12} md={6}>
      <ButtonGroup size="small" aria-label="Time range">
        {PRESETS.map(preset => (
          <Button
            key={preset.label}
            onClick={() =>
              onChange({
                ...value,
                from: new Date(Date.now() - preset.ms).toISOString(),
                to: undefined,
              })
            }
          >
            {preset.label}
          </Button>
        ))}
        <Button
          onClick={() => onChange({ ...value, from: undefined, to: undefined })}
        >
          Any time
        </Button>
      </ButtonGroup>
    </Grid>
  </Grid>
);
