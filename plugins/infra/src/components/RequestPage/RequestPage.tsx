import { useRef } from 'react';
import { useParams } from 'react-router-dom';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  AuditTimelineCard,
  BackendErrorPanel,
  HeaderStatus,
  errorMessageOf,
  useSignalReload,
} from '@internal/plugin-api-react';
import {
  INFRA_SIGNAL_CHANNEL,
  InfraSignal,
  InfraRequest,
  InfraRequestStatus,
  infraResourceEntityRef,
  OPEN_INFRA_REQUEST_STATUSES,
} from '@internal/plugin-infra-common';
import { Grid, Typography, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { infraApiRef } from '../../api/InfraApi';
import { approvalRequestPath } from '../../links';
import { rootRouteRef } from '../../routes';
import { CostEstimateView } from '../CostEstimateView';
import { GuardrailResults } from '../GuardrailResults';
import { OutputsTable } from '../OutputsTable';
import { PlanFingerprint, PlanReviewView } from '../PlanReview';
import { RequestStatusChip } from '../RequestStatusChip';
import { ApplyLogs, LIVE_STATUSES, POLL_INTERVAL_MS } from './ApplyLogs';
import { DecisionPanel, endedByApproval } from './DecisionPanel';
import { StatusTimeline } from './StatusTimeline';

const useStyles = makeStyles(theme => ({
  justification: { marginTop: theme.spacing(2), whiteSpace: 'pre-wrap' },
  subheading: { marginTop: theme.spacing(2) },
}));

const operationLabel = (request: InfraRequest) =>
  request.operation === 'destroy' ? 'Destroy' : 'Create';

const RequestCard = ({ request }: { request: InfraRequest }) => {
  const classes = useStyles();
  return (
    <InfoCard title="Parameters and justification">
      <StructuredMetadataTable
        metadata={{
          operation: request.operation,
          kind: request.kind,
          name: request.resourceName,
          environment: request.environment,
          owner: <EntityRefLink entityRef={request.ownerRef} hideIcon />,
          system: request.systemRef ? (
            <EntityRefLink entityRef={request.systemRef} hideIcon />
          ) : (
            '—'
          ),
          requester: (
            <EntityRefLink entityRef={request.requesterRef} hideIcon />
          ),
          created: new Date(request.createdAt).toLocaleString(),
          updated: new Date(request.updatedAt).toLocaleString(),
        }}
      />
      <Typography variant="subtitle2" className={classes.subheading}>
        Parameters
      </Typography>
      {Object.keys(request.parameters ?? {}).length ? (
        <StructuredMetadataTable metadata={request.parameters} />
      ) : (
        <Typography color="textSecondary">No parameters</Typography>
      )}
      <Typography variant="subtitle2" className={classes.subheading}>
        Justification
      </Typography>
      <Typography className={classes.justification}>
        {request.justification}
      </Typography>
    </InfoCard>
  );
};

const EntityRefList = ({ refs }: { refs: string[] }) => (
  <>
    {refs.map((ref, i) => (
      <span key={ref}>
        {i > 0 && ', '}
        <EntityRefLink entityRef={ref} hideIcon />
      </span>
    ))}
  </>
);

const ApprovalCard = ({ request }: { request: InfraRequest }) => {
  const { decision } = request;
  return (
    <InfoCard title="Approval">
      {request.approvalId ? (
        <>
          {request.approverRefs && request.approverRefs.length > 0 && (
            <Typography>
              Approvers: <EntityRefList refs={request.approverRefs} />
            </Typography>
          )}
          {decision?.status === 'approved' && (
            <Typography data-testid="infra-request-approved-by">
              Approved
              {decision.actorRef && (
                <>
                  {' by '}
                  <EntityRefLink entityRef={decision.actorRef} hideIcon />
                </>
              )}{' '}
              on {new Date(decision.decidedAt).toLocaleString()}
              {decision.comment && `: “${decision.comment}”`}
            </Typography>
          )}
          <Typography>
            <Link to={approvalRequestPath(request.approvalId)}>
              Open the approval request
            </Link>
            {request.status === 'awaiting_approval' &&
              ' — the apply starts once it is approved.'}
          </Typography>
        </>
      ) : (
        <Typography color="textSecondary">
          No approval request is linked yet.
        </Typography>
      )}
    </InfoCard>
  );
};

// Only a create that may still apply, or did, has outputs to show.
const MAY_HAVE_OUTPUTS: InfraRequestStatus[] = [
  ...OPEN_INFRA_REQUEST_STATUSES,
  'applied',
];

const hasOutputsCard = (request: InfraRequest) =>
  request.operation === 'create' && MAY_HAVE_OUTPUTS.includes(request.status);

const OutputsCard = ({ request }: { request: InfraRequest }) => (
  <InfoCard title="Outputs">
    {request.outputs && Object.keys(request.outputs).length > 0 ? (
      <OutputsTable outputs={request.outputs} />
    ) : (
      <Typography color="textSecondary">
        {request.status === 'applied'
          ? 'This apply produced no outputs.'
          : 'Outputs appear here once the apply succeeds.'}
      </Typography>
    )}
  </InfoCard>
);

// The catalog entity an applied create made (a destroy removes it from the catalog).
const CatalogEntityLink = ({ request }: { request: InfraRequest }) =>
  request.operation === 'create' && request.status === 'applied' ? (
    <Typography data-testid="infra-request-entity">
      Created the catalog resource{' '}
      <EntityRefLink
        entityRef={infraResourceEntityRef(request.resourceName)}
        hideIcon
      />
      .
    </Typography>
  ) : null;

/**
 * One provisioning request: its status, plan, approval, outputs, audit timeline and live
 * apply log.
 */
export const RequestPage = () => {
  const { id = '' } = useParams();
  const root = useRouteRef(rootRouteRef)();
  const api = useApi(infraApiRef);
  const state = useAsyncRetry(() => api.getRequest(id), [api, id]);
  const { retry } = state;

  useSignalReload<InfraSignal>(
    INFRA_SIGNAL_CHANNEL,
    retry,
    signal => signal.requestId === id,
  );

  // A failed refresh keeps showing the last request read, so a blip does not end polling.
  const lastRead = useRef<InfraRequest>();
  if (state.value) lastRead.current = state.value;
  const request =
    state.value ?? (lastRead.current?.id === id ? lastRead.current : undefined);

  // Polling keeps a running apply live where signals are not delivered.
  const live = request && LIVE_STATUSES.includes(request.status);
  useInterval(retry, live ? POLL_INTERVAL_MS : null);

  if (!request) {
    if (!state.error) return <Progress />;
    return (
      <Page themeId="tool">
        <Header title="Infrastructure request" />
        <Content>
          <BackendErrorPanel error={state.error} />
        </Content>
      </Page>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title={`${operationLabel(request)} ${request.kind} ${
          request.resourceName
        }`}
        subtitle={`Infrastructure request · ${request.environment}`}
        type="My infrastructure"
        typeLink={root}
      >
        <HeaderStatus>
          <RequestStatusChip
            status={request.status}
            operation={request.operation}
          />
        </HeaderStatus>
      </Header>
      <Content>
        <Grid container spacing={3}>
          {state.error && (
            <Grid item xs={12}>
              <Alert severity="warning">
                Could not refresh this request: {errorMessageOf(state.error)}
              </Alert>
            </Grid>
          )}
          <Grid item xs={12}>
            <InfoCard title="Status">
              <StatusTimeline request={request} />
              <CatalogEntityLink request={request} />
              {request.supersededBy && (
                <Typography>
                  This request was planned again as{' '}
                  <Link to={`${root}/requests/${request.supersededBy}`}>
                    a new request
                  </Link>
                  .
                </Typography>
              )}
            </InfoCard>
          </Grid>
          {endedByApproval(request) && (
            <Grid item xs={12}>
              <DecisionPanel request={request} />
            </Grid>
          )}
          {request.error && (
            <Grid item xs={12}>
              <InfoCard title="Error">
                <Alert severity="error">{request.error}</Alert>
              </InfoCard>
            </Grid>
          )}
          <Grid item xs={12} md={6}>
            <RequestCard request={request} />
          </Grid>
          <Grid item xs={12} md={6}>
            <ApprovalCard request={request} />
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Plan">
              {request.guardrails && (
                <GuardrailResults results={request.guardrails} />
              )}
              {request.costEstimate && (
                <CostEstimateView estimate={request.costEstimate} />
              )}
              {request.planSummary ? (
                <PlanReviewView review={request.planSummary} />
              ) : (
                <Typography color="textSecondary">
                  No plan summary yet.
                </Typography>
              )}
              {request.planHash && (
                <PlanFingerprint planHash={request.planHash} />
              )}
            </InfoCard>
          </Grid>
          {hasOutputsCard(request) && (
            <Grid item xs={12} md={6}>
              <OutputsCard request={request} />
            </Grid>
          )}
          <Grid item xs={12} md={hasOutputsCard(request) ? 6 : 12}>
            <AuditTimelineCard
              subheader="Who requested, approved and applied it, and when"
              // A new status means new entries.
              loadKey={`${request.id}:${request.status}:${request.updatedAt}`}
              load={cursor => api.getRequestAudit(request.id, { cursor })}
            />
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Apply log">
              <ApplyLogs
                key={request.id}
                requestId={request.id}
                status={request.status}
              />
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
