import { useState } from 'react';
import {
  InfoCard,
  Link,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import {
  INFRA_ANNOTATIONS,
  infraResourceDestroyPermission,
} from '@internal/plugin-infra-common';
import { Box, Button, Typography, makeStyles } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef } from '../../api/InfraApi';
import { rootRouteRef } from '../../routes';
import { OutputsTable } from '../OutputsTable';
import { DestroyDialog } from './DestroyDialog';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
}));

/** A provisioned resource on its catalog page: environment, outputs, last request, destroy. */
export const EntityInfraResourceCard = () => {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(infraApiRef);
  const root = useRouteRef(rootRouteRef)();
  const [dialogOpen, setDialogOpen] = useState(false);
  const resourceId =
    entity.metadata.annotations?.[INFRA_ANNOTATIONS.RESOURCE_ID] ?? '';
  const state = useAsyncRetry(
    async () => (resourceId ? api.getResource(resourceId) : undefined),
    [api, resourceId],
  );
  // Destroy is decided on the resource's last request (its owner is the resource's owner),
  // as the backend checks it; no resource yet means no resourceRef, which is a denial.
  const destroyPermission = usePermission({
    permission: infraResourceDestroyPermission,
    resourceRef: state.value ? String(state.value.lastRequestId) : undefined,
  });

  if (!resourceId) {
    return (
      <MissingAnnotationEmptyState annotation={INFRA_ANNOTATIONS.RESOURCE_ID} />
    );
  }
  if (state.loading && !state.value) {
    return (
      <InfoCard title="Infrastructure">
        <Progress />
      </InfoCard>
    );
  }
  if (state.error || !state.value) {
    return (
      <InfoCard title="Infrastructure">
        <BackendErrorPanel
          error={state.error ?? new Error(`No resource ${resourceId}`)}
        />
      </InfoCard>
    );
  }
  const resource = state.value;

  return (
    <InfoCard title="Infrastructure">
      <StructuredMetadataTable
        metadata={{
          kind: resource.kind,
          environment: resource.environment,
          status: resource.status,
          owner: resource.ownerRef,
          updated: new Date(resource.updatedAt).toLocaleString(),
        }}
      />
      <Typography variant="subtitle2" className={classes.section}>
        Outputs
      </Typography>
      {Object.keys(resource.outputs ?? {}).length > 0 ? (
        <OutputsTable outputs={resource.outputs} />
      ) : (
        <Typography color="textSecondary">No outputs.</Typography>
      )}
      <Box
        className={classes.section}
        display="flex"
        alignItems="center"
        justifyContent="space-between"
      >
        <Link to={`${root}/requests/${resource.lastRequestId}`}>
          View the last request
        </Link>
        {/* While the dialog is open its own submit button is the "request-destroy" one. */}
        {resource.status !== 'destroyed' &&
          destroyPermission.allowed &&
          !dialogOpen && (
            <Button
              data-testid="request-destroy"
              color="secondary"
              variant="outlined"
              startIcon={<DeleteIcon />}
              onClick={() => setDialogOpen(true)}
            >
              Request destroy
            </Button>
          )}
      </Box>
      {dialogOpen && (
        <DestroyDialog
          resource={resource}
          open={dialogOpen}
          onClose={() => {
            setDialogOpen(false);
            state.retry();
          }}
        />
      )}
    </InfoCard>
  );
};
