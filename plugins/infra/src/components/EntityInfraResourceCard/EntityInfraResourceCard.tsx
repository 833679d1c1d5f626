import { useState } from 'react';
import {
  InfoCard,
  Link,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { BackendErrorPanel } from '@internal/plugin-api-react';
import {
  INFRA_ANNOTATIONS,
  InfraRequestStatus,
  infraRequestStatusLabel,
  infraResourceDestroyPermission,
  infraResourceStatusLabel,
} from '@internal/plugin-infra-common';
import { Box, Button, Typography, makeStyles } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import DeleteIcon from '@material-ui/icons/Delete';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef } from '../../api/InfraApi';
import { rootRouteRef } from '../../routes';
import { OutputsTable } from '../OutputsTable';
import { DestroyDialog } from './DestroyDialog';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  links: { display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) },
}));

const destroyBannerTitle = (status: InfraRequestStatus) => {
  if (status === 'applying') return 'Being destroyed';
  if (status === 'approved') return 'Destroy approved';
  return 'Destroy pending approval';
};

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
  const pendingDestroy = resource.openDestroyRequest;

  return (
    <InfoCard title="Infrastructure">
      {pendingDestroy && (
        <Alert
          severity="warning"
          data-testid="infra-destroy-pending"
          className={classes.section}
        >
          <AlertTitle>{destroyBannerTitle(pendingDestroy.status)}</AlertTitle>A
          destroy of this resource was requested (
          {infraRequestStatusLabel(pendingDestroy.status, 'destroy')}).{' '}
          <Link to={`${root}/requests/${pendingDestroy.id}`}>
            View the destroy request
          </Link>
        </Alert>
      )}
      <StructuredMetadataTable
        metadata={{
          kind: resource.kind,
          environment: resource.environment,
          status: infraResourceStatusLabel(resource.status),
          owner: <EntityRefLink entityRef={resource.ownerRef} hideIcon />,
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
        <Box className={classes.links}>
          {resource.createdByRequestId && (
            <Link to={`${root}/requests/${resource.createdByRequestId}`}>
              View the request that created it
            </Link>
          )}
          {resource.lastRequestId !== resource.createdByRequestId &&
            resource.lastRequestId !== pendingDestroy?.id && (
              <Link to={`${root}/requests/${resource.lastRequestId}`}>
                View the last request
              </Link>
            )}
        </Box>
        {/* While the dialog is open its own submit button is the "request-destroy" one. */}
        {resource.status !== 'destroyed' &&
          !pendingDestroy &&
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
