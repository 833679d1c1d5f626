import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { downloadBlob, errorMessageOf } from '@internal/plugin-api-react';
import { Button, Menu, MenuItem } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  AuditExportFormat,
  AuditFilters,
  auditApiRef,
} from '../../api/AuditApi';

const FORMATS: { format: AuditExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'ndjson', label: 'NDJSON' },
];

/** Downloads every entry the filters match, as CSV or NDJSON, with the user's token. */
export const ExportMenu = ({ filters }: { filters: AuditFilters }) => {
  const api = useApi(auditApiRef);
  const alertApi = useApi(alertApiRef);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);

  const exportAs = async (format: AuditExportFormat) => {
    setAnchor(null);
    setBusy(true);
    try {
      const file = await api.exportEvents(filters, format);
      downloadBlob(file, `audit-trail.${format}`);
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
    <>
      <Button
        variant="outlined"
        color="primary"
        startIcon={<GetAppIcon />}
        disabled={busy}
        aria-haspopup="menu"
        onClick={event => setAnchor(event.currentTarget)}
      >
        Export
      </Button>
      <Menu
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        getContentAnchorEl={null}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        {FORMATS.map(({ format, label }) => (
          <MenuItem key={format} onClick={() => exportAs(format)}>
            {label}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
};
