import {
  Box,
  Chip,
  Divider,
  ListItem,
  ListItemIcon,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import { ReactNode } from 'react';
import { GantryRequestDocument } from './gantryRequestTypes';

/** The highlighted fields of a result, as the search backend returns them. */
type Highlight = {
  preTag: string;
  postTag: string;
  fields: Record<string, string>;
};

const useStyles = makeStyles(theme => ({
  item: { display: 'flex', alignItems: 'flex-start' },
  chips: {
    marginTop: theme.spacing(1),
    '& > *': { marginRight: theme.spacing(1) },
  },
}));

/** One infrastructure or approval request in the search results. */
export const GantryRequestResultListItem = (props: {
  result: GantryRequestDocument;
  /** What the record is, e.g. "Infrastructure request". */
  label: string;
  icon: ReactNode;
  highlight?: Highlight;
}) => {
  const { result, label, icon, highlight } = props;
  const classes = useStyles();
  const title = highlight?.fields.title ? (
    <HighlightedSearchResultText
      text={highlight.fields.title}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    result.title
  );
  const text = highlight?.fields.text ? (
    <HighlightedSearchResultText
      text={highlight.fields.text}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    result.text
  );
  return (
    <>
      <ListItem alignItems="flex-start" className={classes.item}>
        <ListItemIcon>{icon as JSX.Element}</ListItemIcon>
        <ListItemText
          primary={<Link to={result.location}>{title}</Link>}
          secondary={
            <>
              <Typography
                component="span"
                variant="body2"
                color="textSecondary"
              >
                {text}
              </Typography>
              <Box component="span" display="block" className={classes.chips}>
                <Chip size="small" label={label} component="span" />
                {[result.statusLabel, result.kind, result.environment]
                  .filter(Boolean)
                  .map(detail => (
                    <Chip
                      key={detail}
                      size="small"
                      variant="outlined"
                      label={detail}
                      component="span"
                    />
                  ))}
              </Box>
            </>
          }
        />
      </ListItem>
      <Divider component="li" />
    </>
  );
};
