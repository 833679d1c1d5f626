import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { downloadBlob, errorMessageOf } from '@internal/plugin-api-react';
import { Button } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { AccessMatrixFilters, rbacApiRef } from '../../api/RbacApi';

/** Downloads the whole matrix for the filters as CSV, with the user's token. */
export const ExportCsvButton = ({
  filters,
}: {
  filters: AccessMatrixFilters;
}) => {
  const api = useApi(rbacApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);

  const exportCsv = async () => {
    setBusy(true);
    try {
      const csv = await api.exportMatrixCsv(filters);
      downloadBlob(csv, 'gantry-access.csv');
    } catch (error) {
      alertApi.post({
        message: `The export failed: ${errorMessageOf(error)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<GetAppIcon />}
      disabled={busy}
      onClick={exportCsv}
    >
      Export CSV
    </Button>
  );
};
