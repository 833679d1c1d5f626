import { useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import { Box, Grid } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { AccessMatrixFilters, rbacApiRef } from '../../api/RbacApi';
import { ExportCsvButton } from './ExportCsvButton';
import { MatrixFilterValues, MatrixFilters } from './MatrixFilters';
import { MatrixTable } from './MatrixTable';

const EMPTY: MatrixFilterValues = { userText: '', role: '', permissions: [] };

/** Users by permissions, filtered and paged by the backend, and exported as CSV. */
export const MatrixTab = () => {
  const api = useApi(rbacApiRef);
  const options = useAsync(async () => {
    const [roles, permissions] = await Promise.all([
      api.getRoles(),
      api.getPermissions(),
    ]);
    return { roles, permissions };
  }, [api]);
  const [values, setValues] = useState(EMPTY);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  useDebounce(
    () => {
      setQ(values.userText.trim());
      setPage(0);
    },
    300,
    [values.userText],
  );

  if (options.loading) return <Progress />;
  if (options.error) return <BackendErrorPanel error={options.error} />;

  const filters: AccessMatrixFilters = {
    q: q || undefined,
    role: values.role || undefined,
    permissions: values.permissions,
  };
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <MatrixFilters
          roles={options.value?.roles ?? []}
          permissions={options.value?.permissions ?? []}
          value={values}
          onChange={next => {
            setValues(next);
            setPage(0);
          }}
        />
      </Grid>
      <Grid item xs={12}>
        <Box display="flex" justifyContent="flex-end">
          <ExportCsvButton filters={filters} />
        </Box>
      </Grid>
      <Grid item xs={12}>
        <MatrixTable
          filters={filters}
          page={page}
          pageSize={pageSize}
          onPageChange={setPage}
          onPageSizeChange={size => {
            setPageSize(size);
            setPage(0);
          }}
        />
      </Grid>
    </Grid>
  );
};
