import { Typography, makeStyles } from '@material-ui/core';
import { EntityName, isCatalogRef } from '../EntityName';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2) },
  key: { fontWeight: 600, marginRight: theme.spacing(1) },
}));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// "resourceChanges" → "Resource changes"
function label(key: string) {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/**
 * Renders any JSON value as nested, readable lists rather than raw JSON; users and groups
 * by name.
 */
export const DetailsView = ({ value }: { value: unknown }) => {
  const classes = useStyles();
  if (Array.isArray(value)) {
    if (value.length === 0)
      return <Typography component="span">none</Typography>;
    return (
      <ul className={classes.list}>
        {value.map((item, i) => (
          <li key={i}>
            <DetailsView value={item} />
          </li>
        ))}
      </ul>
    );
  }
  if (isRecord(value)) {
    return (
      <ul className={classes.list}>
        {Object.entries(value).map(([key, item]) => (
          <li key={key}>
            <span className={classes.key}>{label(key)}:</span>
            <DetailsView value={item} />
          </li>
        ))}
      </ul>
    );
  }
  if (value === null || value === undefined) {
    return <Typography component="span">—</Typography>;
  }
  if (typeof value === 'string' && isCatalogRef(value)) {
    return (
      <Typography component="span">
        <EntityName entityRef={value} />
      </Typography>
    );
  }
  return <Typography component="span">{String(value)}</Typography>;
};
