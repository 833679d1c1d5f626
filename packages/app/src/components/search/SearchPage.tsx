import { makeStyles, Theme, Grid, List, Paper } from '@material-ui/core';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import StorageIcon from '@material-ui/icons/Storage';

import { CatalogSearchResultListItem } from '@backstage/plugin-catalog';

import { SearchType } from '@backstage/plugin-search';
import {
  SearchBar,
  SearchFilter,
  SearchResult,
  SearchPagination,
  useSearch,
} from '@backstage/plugin-search-react';
import { CatalogIcon, Content, Header, Page } from '@backstage/core-components';
import { GantryRequestResultListItem } from './GantryRequestResultListItem';
import { APPROVAL_REQUEST_SEARCH_TYPE } from '@internal/plugin-approvals-common';
import { INFRA_REQUEST_SEARCH_TYPE } from '@internal/plugin-infra-common';
import { GantryRequestDocument } from './gantryRequestTypes';

const useStyles = makeStyles((theme: Theme) => ({
  bar: {
    padding: theme.spacing(1, 0),
  },
  filters: {
    padding: theme.spacing(2),
    marginTop: theme.spacing(2),
  },
  filter: {
    '& + &': {
      marginTop: theme.spacing(2.5),
    },
  },
}));

const CATALOG_SEARCH_TYPE = 'software-catalog';

// The catalog's filters only mean something for catalog results.
const CatalogFilters = (props: { className: string; filter: string }) => {
  const { types } = useSearch();
  if (types.length > 0 && !types.includes(CATALOG_SEARCH_TYPE)) return null;
  return (
    <Paper className={props.className}>
      <SearchFilter.Select
        className={props.filter}
        label="Kind"
        name="kind"
        values={[
          'Component',
          'System',
          'Resource',
          'Template',
          'User',
          'Group',
        ]}
      />
      <SearchFilter.Checkbox
        className={props.filter}
        label="Lifecycle"
        name="lifecycle"
        values={['experimental', 'production']}
      />
    </Paper>
  );
};

const SearchPage = () => {
  const classes = useStyles();

  return (
    <Page themeId="home">
      <Header title="Search" />
      <Content>
        <Grid container direction="row">
          <Grid item xs={12}>
            <Paper className={classes.bar}>
              <SearchBar />
            </Paper>
          </Grid>
          <Grid item xs={3}>
            <SearchType.Accordion
              name="Result Type"
              types={[
                {
                  value: CATALOG_SEARCH_TYPE,
                  name: 'Software Catalog',
                  icon: <CatalogIcon />,
                },
                {
                  value: INFRA_REQUEST_SEARCH_TYPE,
                  name: 'Infrastructure requests',
                  icon: <StorageIcon />,
                },
                {
                  value: APPROVAL_REQUEST_SEARCH_TYPE,
                  name: 'Approval requests',
                  icon: <AssignmentTurnedInIcon />,
                },
              ]}
            />
            <CatalogFilters
              className={classes.filters}
              filter={classes.filter}
            />
          </Grid>
          <Grid item xs={9}>
            <SearchPagination />
            <SearchResult>
              {({ results }) => (
                <List>
                  {results.map(({ type, document, highlight, rank }) => {
                    const key = `${type}:${document.location}`;
                    switch (type) {
                      case INFRA_REQUEST_SEARCH_TYPE:
                        return (
                          <GantryRequestResultListItem
                            key={key}
                            result={document as GantryRequestDocument}
                            label="Infrastructure request"
                            icon={<StorageIcon />}
                            highlight={highlight}
                          />
                        );
                      case APPROVAL_REQUEST_SEARCH_TYPE:
                        return (
                          <GantryRequestResultListItem
                            key={key}
                            result={document as GantryRequestDocument}
                            label="Approval request"
                            icon={<AssignmentTurnedInIcon />}
                            highlight={highlight}
                          />
                        );
                      default:
                        return (
                          <CatalogSearchResultListItem
                            key={key}
                            result={document}
                            highlight={highlight}
                            rank={rank}
                            icon={<CatalogIcon />}
                          />
                        );
                    }
                  })}
                </List>
              )}
            </SearchResult>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};

export const searchPage = <SearchPage />;
