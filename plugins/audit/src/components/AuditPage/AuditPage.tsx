import { useEffect, useMemo, useRef, useState } from 'react';
import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BackendErrorPanel, errorMessageOf } from '@internal/plugin-api-react';
import {
  AuditEntry,
  AuditPage as AuditResultPage,
} from '@internal/plugin-audit-common';
import { Box, Grid } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useDebounce from 'react-use/esm/useDebounce';
import { auditApiRef } from '../../api/AuditApi';
import { AuditEntryDrawer } from './AuditEntryDrawer';
import { AuditFilterBar } from './AuditFilterBar';
import { AuditTable } from './AuditTable';
import {
  filtersFromSearchParams,
  searchParamsFromFilters,
} from './auditSearchParams';
import { ExportMenu } from './ExportMenu';
import { VerifyChain } from './VerifyChain';

/** Entries per request, for the first page and each "Load more". */
export const AUDIT_PAGE_SIZE = 50;

/** The admins' audit trail: filters kept in the URL, entries newest first, export, verify. */
export const AuditPage = () => {
  const api = useApi(auditApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const key = searchParamsFromFilters(
    filtersFromSearchParams(searchParams),
  ).toString();
  const filters = useMemo(
    () => filtersFromSearchParams(new URLSearchParams(key)),
    [key],
  );

  // Typing edits a draft; the URL, and so the search, follows once the typing pauses.
  const [draft, setDraft] = useState(filters);
  useDebounce(
    () => {
      const next = searchParamsFromFilters(draft);
      if (next.toString() !== key) setSearchParams(next, { replace: true });
    },
    300,
    [draft],
  );

  const first = useAsync(
    () => api.getEvents({ ...filters, limit: AUDIT_PAGE_SIZE }),
    [api, filters],
  );
  const [more, setMore] = useState<AuditResultPage[]>([]);
  const currentKey = useRef(key);
  useEffect(() => {
    currentKey.current = key;
    setMore([]);
  }, [key]);
  const last = more.length ? more[more.length - 1] : first.value;
  const [moreState, loadMore] = useAsyncFn(async () => {
    if (!last?.nextCursor) return;
    const requestedFor = key;
    const page = await api.getEvents({
      ...filters,
      cursor: last.nextCursor,
      limit: AUDIT_PAGE_SIZE,
    });
    // A page of a search the filters have since replaced is dropped.
    if (currentKey.current === requestedFor) {
      setMore(pages => [...pages, page]);
    }
  }, [api, filters, key, last]);

  const [selected, setSelected] = useState<AuditEntry>();
  const entries = [first.value, ...more].flatMap(page => page?.items ?? []);

  return (
    <Page themeId="tool">
      <Header
        title="Audit trail"
        subtitle="Who did what in Gantry, newest first"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <AuditFilterBar value={draft} onChange={setDraft} />
          </Grid>
          <Grid item xs={12}>
            <Box
              display="flex"
              justifyContent="space-between"
              alignItems="center"
              flexWrap="wrap"
              gridGap={16}
            >
              <VerifyChain />
              <ExportMenu filters={filters} />
            </Box>
          </Grid>
          <Grid item xs={12}>
            {first.loading && <Progress />}
            {first.error && <BackendErrorPanel error={first.error} />}
            {first.value && (
              <AuditTable
                entries={entries}
                hasMore={Boolean(last?.nextCursor)}
                loadingMore={moreState.loading}
                onLoadMore={loadMore}
                onSelect={setSelected}
              />
            )}
            {moreState.error && (
              <Box mt={2}>
                <Alert severity="error">
                  The next entries could not be loaded:{' '}
                  {errorMessageOf(moreState.error)}
                </Alert>
              </Box>
            )}
          </Grid>
        </Grid>
        <AuditEntryDrawer
          entry={selected}
          onClose={() => setSelected(undefined)}
        />
      </Content>
    </Page>
  );
};
