import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { InfraOpsHealth } from '@internal/plugin-infra-common';
import { ComponentType, PropsWithChildren, ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { infraOpsApiRef } from '../../api/InfraOpsApi';

const Item = ({
  status: Status,
  primary,
  secondary,
}: {
  status: ComponentType<PropsWithChildren<{}>>;
  primary: string;
  secondary: ReactNode;
}) => (
  <ListItem disableGutters>
    <ListItemText
      primary={<Status>{primary}</Status>}
      secondary={secondary}
      secondaryTypographyProps={{ style: { whiteSpace: 'normal' } }}
    />
  </ListItem>
);

function terraformItem(terraform: InfraOpsHealth['terraform']) {
  return terraform.available ? (
    <Item
      status={StatusOK}
      primary="Terraform"
      secondary={`Terraform ${terraform.version} (${terraform.binary})`}
    />
  ) : (
    <Item
      status={StatusError}
      primary="Terraform"
      secondary={`${terraform.binary}: ${terraform.message}`}
    />
  );
}

function catalogProviderItem(provider: InfraOpsHealth['catalogProvider']) {
  if (provider.state === 'unknown') {
    return (
      <Item
        status={StatusWarning}
        primary="Catalog provider"
        secondary={`Unknown: ${provider.reason}`}
      />
    );
  }
  const at = new Date(provider.refreshedAt).toLocaleString();
  if (provider.succeeded) {
    const count = provider.entities ?? 0;
    return (
      <Item
        status={StatusOK}
        primary="Catalog provider"
        secondary={`Last refresh ${at}: ${count} resource${
          count === 1 ? '' : 's'
        } in the catalog`}
      />
    );
  }
  const lastSuccess = provider.lastSuccessAt
    ? `last success ${new Date(provider.lastSuccessAt).toLocaleString()}`
    : 'no success yet';
  return (
    <Item
      status={StatusError}
      primary="Catalog provider"
      secondary={`Last refresh ${at} failed: ${
        provider.error ?? 'no reason given'
      } (${lastSuccess})`}
    />
  );
}

/** What the operators check first: Terraform, workers, queue, sweeper, database, catalog. */
export const HealthList = ({ health }: { health: InfraOpsHealth }) => {
  const { workers, queue, sweeper, database, catalogProvider } = health;
  return (
    <List dense>
      {terraformItem(health.terraform)}
      <Item
        status={workers.idle > 0 ? StatusOK : StatusWarning}
        primary="Plan and apply workers"
        secondary={`${workers.busy} busy, ${workers.idle} idle of ${workers.total} on this replica`}
      />
      <Item
        status={queue.plans + queue.applies > 0 ? StatusWarning : StatusOK}
        primary="Queue"
        secondary={`${queue.plans} plan${queue.plans === 1 ? '' : 's'} and ${
          queue.applies
        } appl${queue.applies === 1 ? 'y' : 'ies'} waiting for a worker`}
      />
      {sweeper.state === 'known' ? (
        <Item
          status={sweeper.lastRunError ? StatusError : StatusOK}
          primary="Sweeper"
          secondary={
            sweeper.lastRunEndedAt
              ? `Last run ended ${new Date(
                  sweeper.lastRunEndedAt,
                ).toLocaleString()}${
                  sweeper.lastRunError ? `: ${sweeper.lastRunError}` : ''
                }`
              : 'Not run yet'
          }
        />
      ) : (
        <Item
          status={StatusWarning}
          primary="Sweeper"
          secondary="Unknown: the scheduler keeps no record of its runs"
        />
      )}
      <Item
        status={database.reachable ? StatusOK : StatusError}
        primary="Database"
        secondary={
          database.reachable
            ? 'Reachable'
            : `Unreachable: ${database.message ?? ''}`
        }
      />
      {catalogProviderItem(catalogProvider)}
    </List>
  );
};

/** The infra backend's health, with its own loading and error states. */
export const OpsHealthCard = () => {
  const opsApi = useApi(infraOpsApiRef);
  const { value, loading, error } = useAsync(
    () => opsApi.getOpsHealth(),
    [opsApi],
  );
  return (
    <InfoCard title="Health">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <HealthList health={value} />}
      {!loading && !error && !value && (
        <Typography color="textSecondary">No health report</Typography>
      )}
    </InfoCard>
  );
};
