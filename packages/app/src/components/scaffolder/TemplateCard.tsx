import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import DescriptionIcon from '@material-ui/icons/Description';
import UserIcon from '@material-ui/icons/Person';
import { ItemCardHeader, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  EntityRefLinks,
  entityRouteParams,
  entityRouteRef,
  FavoriteEntity,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import type { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import { templateTitle } from './templateSearch';

/** The colours of the template type's page theme, which the header takes. */
type HeaderColours = { image: string; color: string };

const useStyles = makeStyles(theme => ({
  card: { display: 'flex', flexDirection: 'column', height: '100%' },
  header: {
    backgroundImage: (props: HeaderColours) => props.image,
    color: (props: HeaderColours) => props.color,
  },
  subtitle: { display: 'flex', justifyContent: 'space-between' },
  icon: { color: (props: HeaderColours) => props.color },
  description: {
    overflow: 'hidden',
    display: '-webkit-box',
    '-webkit-line-clamp': 10,
    '-webkit-box-orient': 'vertical',
  },
  content: { flex: 1 },
  tags: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
  actions: { padding: theme.spacing(2), justifyContent: 'space-between' },
  owner: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.palette.link,
  },
}));

/**
 * A template on the Create page, as upstream's template card shows it: title and type over
 * the type's page colours, a star, the description, tags, owner and "Choose". It loads
 * nothing lazily: upstream's card is a lazy component with a lazy markdown renderer inside,
 * and each suspension holds the whole list back (React reveals content no sooner than
 * 500 ms after the last fallback). Descriptions show as plain text.
 */
export function TemplateCard(props: {
  template: TemplateEntityV1beta3;
  onSelected: (template: TemplateEntityV1beta3) => void;
}) {
  const { template, onSelected } = props;
  const { getPageTheme } = useTheme();
  const pageTheme = getPageTheme({ themeId: template.spec.type });
  const classes = useStyles({
    image: pageTheme.backgroundImage,
    color: pageTheme.fontColor,
  });
  const entityLink = useRouteRef(entityRouteRef);
  const owners = getEntityRelations(template, RELATION_OWNED_BY);
  const title = templateTitle(template);
  const tags = template.metadata.tags ?? [];

  return (
    <Card className={classes.card}>
      <ItemCardHeader
        title={title}
        classes={{ root: classes.header }}
        subtitle={
          <div className={classes.subtitle}>
            <div>{template.spec.type}</div>
            <div>
              <Tooltip title="Show template entity details">
                <IconButton
                  component={Link}
                  to={entityLink(entityRouteParams(template))}
                  aria-label={`Details of ${title}`}
                  style={{ padding: 0 }}
                >
                  <DescriptionIcon className={classes.icon} />
                </IconButton>
              </Tooltip>
              <FavoriteEntity
                entity={template}
                style={{ padding: 0, marginLeft: 6 }}
              />
            </div>
          </div>
        }
      />
      <CardContent className={classes.content}>
        <Typography variant="body2" className={classes.description}>
          {template.metadata.description ?? 'No description'}
        </Typography>
        <Box my={2}>
          <Divider />
        </Box>
        {tags.length > 0 && (
          <div className={classes.tags}>
            {tags.map(tag => (
              <Chip key={tag} size="small" label={tag} style={{ margin: 0 }} />
            ))}
          </div>
        )}
      </CardContent>
      <CardActions className={classes.actions}>
        <div className={classes.owner}>
          {owners.length > 0 && (
            <>
              <UserIcon fontSize="small" />
              <EntityRefLinks
                entityRefs={owners}
                defaultKind="Group"
                hideIcons
              />
            </>
          )}
        </div>
        <Button
          size="small"
          variant="outlined"
          color="primary"
          onClick={() => onSelected(template)}
          aria-label={`Choose ${title}`}
        >
          Choose
        </Button>
      </CardActions>
    </Card>
  );
}
