import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputAdornment from '@material-ui/core/InputAdornment';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import SearchIcon from '@material-ui/icons/Search';
import {
  Content,
  ContentHeader,
  Header,
  ItemCardGrid,
  Link,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  useStarredEntities,
} from '@backstage/plugin-catalog-react';
import { catalogEntityCreatePermission } from '@backstage/plugin-catalog-common/alpha';
import { usePermission } from '@backstage/plugin-permission-react';
import { scaffolderPlugin } from '@backstage/plugin-scaffolder';
import type { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import { ScaffolderPageContextMenu } from '@backstage/plugin-scaffolder-react/alpha';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { createPageHeader, templateGroups } from './templateGroups';
import { TemplateCard } from './TemplateCard';
import { isTemplate, matchesSearch, templateTitle } from './templateSearch';
import {
  templateWizardCode,
  usePageCodePrefetch,
} from '../prefetch/usePageCodePrefetch';

/** The templates the user may read, by title; the catalog leaves out the others. */
function useTemplates() {
  const catalogApi = useApi(catalogApiRef);
  return useAsyncRetry(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Template' },
    });
    return items
      .filter(isTemplate)
      .sort((a, b) => templateTitle(a).localeCompare(templateTitle(b)));
  }, [catalogApi]);
}

/** "Register existing component", for those allowed to register one. */
function RegisterExistingButton() {
  const registerLink = useRouteRef(
    scaffolderPlugin.externalRoutes.registerComponent,
  );
  const { allowed } = usePermission({
    permission: catalogEntityCreatePermission,
  });
  if (!registerLink || !allowed) return null;
  return (
    <LinkButton variant="outlined" color="primary" to={registerLink()}>
      Register existing component
    </LinkButton>
  );
}

/** The scaffolder's own pages: its editor, installed actions and task list. */
function ScaffolderMenu() {
  const navigate = useNavigate();
  const editorLink = useRouteRef(scaffolderPlugin.routes.edit);
  const actionsLink = useRouteRef(scaffolderPlugin.routes.actions);
  const tasksLink = useRouteRef(scaffolderPlugin.routes.listTasks);
  const extensionsLink = useRouteRef(
    scaffolderPlugin.routes.templatingExtensions,
  );
  return (
    <ScaffolderPageContextMenu
      onEditorClicked={() => navigate(editorLink())}
      onActionsClicked={() => navigate(actionsLink())}
      onTasksClicked={() => navigate(tasksLink())}
      onTemplatingExtensionsClicked={() => navigate(extensionsLink())}
    />
  );
}

/**
 * The Create page's list of templates, grouped (infrastructure requests first), with a search
 * and a "starred only" switch. It asks the catalog one question and needs none of the
 * scaffolder's own code: upstream's list waits for that code (1.7 MB, with the template
 * editor) and then for four rounds of filter queries. Once the list has shown, it loads the
 * wizard's forms in the background, for the template the user chooses.
 */
export function CreateTemplatesPage() {
  const navigate = useNavigate();
  const templateLink = useRouteRef(scaffolderPlugin.routes.selectedTemplate);
  const { isStarredEntity } = useStarredEntities();
  const [query, setQuery] = useState('');
  const [starredOnly, setStarredOnly] = useState(false);
  const { value: templates, loading, error, retry } = useTemplates();
  // The wizard comes next, once a template is chosen.
  usePageCodePrefetch(templateWizardCode);

  const shown = useMemo(
    () =>
      (templates ?? []).filter(
        template =>
          matchesSearch(template, query) &&
          (!starredOnly || isStarredEntity(template)),
      ),
    [templates, query, starredOnly, isStarredEntity],
  );
  const onSelected = useCallback(
    (template: TemplateEntityV1beta3) =>
      navigate(
        templateLink({
          namespace: template.metadata.namespace ?? 'default',
          templateName: template.metadata.name,
        }),
      ),
    [navigate, templateLink],
  );

  let list;
  if (loading) {
    list = <Progress />;
  } else if (error) {
    list = (
      <Box>
        <ResponseErrorPanel error={error} />
        <Button variant="outlined" onClick={retry}>
          Try again
        </Button>
      </Box>
    );
  } else if (!templates?.length) {
    list = (
      <Typography variant="body2">
        There are no templates yet. Learn more about{' '}
        <Link to="https://backstage.io/docs/features/software-templates/adding-templates">
          adding templates
        </Link>
        .
      </Typography>
    );
  } else if (!shown.length) {
    list = (
      <Typography variant="body2">
        No templates match your search and filters.
      </Typography>
    );
  } else {
    list = templateGroups.map(group => {
      const inGroup = shown.filter(group.filter);
      if (!inGroup.length) return null;
      return (
        <Box key={group.title} component="section" mb={3}>
          {/* A title component, not `title`: a ContentHeader's title also names the browser
              tab, and the last group's ("Samples (development only)") would win. */}
          <ContentHeader
            titleComponent={
              <Typography variant="h4" component="h2">
                {group.title}
              </Typography>
            }
          />
          <ItemCardGrid>
            {inGroup.map(template => (
              <TemplateCard
                key={stringifyEntityRef(template)}
                template={template}
                onSelected={onSelected}
              />
            ))}
          </ItemCardGrid>
        </Box>
      );
    });
  }

  return (
    <Page themeId="home">
      <Header {...createPageHeader}>
        <ScaffolderMenu />
      </Header>
      <Content>
        <ContentHeader>
          <RegisterExistingButton />
          <SupportButton>
            Pick a template to request infrastructure or create a component.
          </SupportButton>
        </ContentHeader>
        <Box display="flex" flexWrap="wrap" alignItems="center" mb={1}>
          <Box flex="1 1 280px" maxWidth={480} mr={2}>
            <TextField
              fullWidth
              value={query}
              onChange={event => setQuery(event.target.value)}
              placeholder="Search templates"
              inputProps={{ 'aria-label': 'Search templates' }}
              InputProps={{
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchIcon />
                  </InputAdornment>
                ),
              }}
            />
          </Box>
          <FormControlLabel
            control={
              <Switch
                checked={starredOnly}
                onChange={(_, checked) => setStarredOnly(checked)}
                color="primary"
              />
            }
            label="Starred only"
          />
        </Box>
        {list}
      </Content>
    </Page>
  );
}
