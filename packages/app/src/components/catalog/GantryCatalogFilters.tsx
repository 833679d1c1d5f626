import { ReactNode, useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import {
  DefaultEntityFilters,
  EntityKindPicker,
  EntityLifecyclePicker,
  EntityOwnerPicker,
  EntityProcessingStatusPicker,
  EntityTagPicker,
  EntityTypePicker,
  UserListPicker,
  useEntityList,
} from '@backstage/plugin-catalog-react';

/**
 * How long the list must stay idle, with the user filter set, before the secondary pickers
 * mount. EntityListProvider waits 10 ms before it starts a fetch for new filters, so a shorter
 * quiet time could open the gate in the gap between the user filter and that fetch.
 */
const SETTLE_MS = 60;

/** Open the gate anyway after this long, so that the pickers never stay away for good. */
const MAX_WAIT_MS = 3000;

/**
 * True once the catalog list has shown its first result for the kind and user filters (and
 * stays true). Until then the secondary pickers stay away: each asks the catalog for a facet,
 * and those calls (30-300 ms of backend time each) would sit in front of the list's own query.
 */
function useListSettled(): boolean {
  const { filters, loading } = useEntityList();
  const [settled, setSettled] = useState(false);
  const quiet =
    !loading && filters.kind !== undefined && filters.user !== undefined;

  useEffect(() => {
    if (settled) {
      return undefined;
    }
    const timer = setTimeout(
      () => setSettled(true),
      quiet ? SETTLE_MS : MAX_WAIT_MS,
    );
    return () => clearTimeout(timer);
  }, [settled, quiet]);

  return settled;
}

/**
 * Renders a picker once the list has settled, or at once when the address already filters on
 * it (`filters[<name>]=...`), since then the list needs that filter from the start.
 */
function AfterList(props: {
  settled: boolean;
  name: keyof DefaultEntityFilters;
  children: ReactNode;
}) {
  const { queryParameters } = useEntityList();
  const inAddress = queryParameters[props.name] !== undefined;
  return props.settled || inAddress ? <>{props.children}</> : null;
}

const useStyles = makeStyles(theme => ({
  /**
   * Upstream's "Owned / Starred / All" items keep 16 px on the left and 48 px on the right for
   * the count. In the filter column at 1280 px (2 of 12 columns) that leaves 45 px for the
   * label, and "Owned" and "Starred" show as "Owne" and "Starre". The count is 1-3 digits.
   * Production class names carry suffixes, hence the test id (set on each item by upstream).
   */
  userList: {
    '& [data-testid^="user-picker-"]': {
      paddingLeft: theme.spacing(1.5),
      paddingRight: theme.spacing(4.5),
    },
  },
}));

/**
 * The catalog index's filters: upstream's DefaultFilters without the namespace picker (Gantry's
 * catalog has a single namespace), with the kind and "owned / starred / all" pickers first and
 * the facet-backed pickers mounted once the list is on screen.
 */
export function GantryCatalogFilters() {
  const settled = useListSettled();
  const classes = useStyles();
  return (
    <>
      <EntityKindPicker initialFilter="component" />
      <AfterList settled={settled} name="type">
        <EntityTypePicker />
      </AfterList>
      <Box className={classes.userList}>
        <UserListPicker initialFilter="owned" />
      </Box>
      <AfterList settled={settled} name="owners">
        <EntityOwnerPicker />
      </AfterList>
      <AfterList settled={settled} name="lifecycles">
        <EntityLifecyclePicker />
      </AfterList>
      <AfterList settled={settled} name="tags">
        <EntityTagPicker />
      </AfterList>
      <EntityProcessingStatusPicker />
    </>
  );
}
