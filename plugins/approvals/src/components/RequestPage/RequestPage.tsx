import { ComponentType, useEffect } from 'react';
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
import { useApi } from '@backstage/core-plugin-api';
import {
  AuditTimelineCard,
  BackendErrorPanel,
  HeaderStatus,
  useSignalReload,
} from '@internal/plugin-api-react';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { Grid, Theme, Typography, useMediaQuery } from '@material-ui/core';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { approvalsApiRef } from '../../api/ApprovalsApi';
import {
  APPROVALS_SIGNAL_CHANNEL,
  ApprovalsSignal,
} from '@internal/plugin-approvals-common';
import { DetailsView } from '../DetailsView';
import { EntityName, EntityNames } from '../EntityName';
import { StatusChip } from '../StatusChip';
import { DecisionForm } from './DecisionForm';
import { RequestHistory } from './RequestHistory';

/** Renders part of one request, e.g. a Terraform plan. */
export type DetailsComponent = ComponentType<{ request: ApprovalRequest }>;

/**
 * Renders a request's `details` for one kind of request: one component below the decision,
 * or a `Summary` shown above the Approve and Reject buttons and `Details` below.
 */
export type DetailsRenderer =
  | DetailsComponent
  | { Summary: DetailsComponent; Details: DetailsComponent };

/** The details renderer of each kind of request. */
export type DetailsRenderers = Record<string, DetailsRenderer>;

/** One request: who asks for what, its history, and the viewer's actions. */
export const RequestPage = ({
  detailsRenderers = {},
}: {
  detailsRenderers?: DetailsRenderers;
}) => {
  const { id = '' } = useParams();
  const api = useApi(approvalsApiRef);
  const narrow = useMediaQuery<Theme>(theme => theme.breakpoints.down('xs'));
  // `load(updated)` shows a request the server just answered with; `load()` reads it again.
  // Only the latest call lands, so a read that started before a decision cannot bring
  // back the state from before it.
  const [state, load] = useAsyncFn(
    async (known?: ApprovalRequest) => known ?? api.getRequest(id),
    [api, id],
    { loading: true },
  );
  useEffect(() => {
    load();
  }, [load]);
  useSignalReload<ApprovalsSignal>(
    APPROVALS_SIGNAL_CHANNEL,
    () => load(),
    signal => signal.requestId === id,
  );

  if (state.loading && !state.value) return <Progress />;
  if (state.error) {
    return (
      <Page themeId="tool">
        <Header title="Approval request" />
        <Content>
          <BackendErrorPanel error={state.error} />
        </Content>
      </Page>
    );
  }
  const request = state.value!;
  const renderer = detailsRenderers[request.kind];
  const Summary =
    renderer && 'Summary' in renderer ? renderer.Summary : undefined;
  const Details =
    renderer && 'Details' in renderer ? renderer.Details : renderer;

  return (
    <Page themeId="tool">
      <Header
        title={request.title}
        subtitle={`Approval request · ${request.kind}`}
      >
        {/* On a phone the header has no room beside the title; the card says it first. */}
        {!narrow && (
          <HeaderStatus>
            <StatusChip status={request.status} />
          </HeaderStatus>
        )}
      </Header>
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <InfoCard title="Request">
              <StructuredMetadataTable
                metadata={{
                  status: <StatusChip status={request.status} />,
                  requester: <EntityName entityRef={request.requesterRef} />,
                  'on behalf of': request.onBehalfOfRef ? (
                    <EntityName entityRef={request.onBehalfOfRef} />
                  ) : (
                    '—'
                  ),
                  approvers: (
                    <EntityNames
                      entityRefs={[
                        ...request.approvers.users,
                        ...request.approvers.groups,
                      ]}
                    />
                  ),
                  approvals: `${request.approvals} of ${request.quorum}`,
                  created: new Date(request.createdAt).toLocaleString(),
                  expires: new Date(request.expiresAt).toLocaleString(),
                }}
              />
              {request.summary && (
                <Typography paragraph style={{ marginTop: 16 }}>
                  {request.summary}
                </Typography>
              )}
              {request.links.map(link => (
                <div key={link.url}>
                  <Link to={link.url}>{link.title}</Link>
                </div>
              ))}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Decision">
              {/* What the approver decides on comes before the buttons. */}
              {Summary && (
                <div data-testid="decision-summary">
                  <Summary request={request} />
                </div>
              )}
              <RequestHistory history={request.history} />
              <DecisionForm request={request} onChanged={load} />
            </InfoCard>
          </Grid>
          {(request.details || Details) && (
            <Grid item xs={12}>
              <InfoCard title="Details">
                {Details ? (
                  <Details request={request} />
                ) : (
                  <DetailsView value={request.details} />
                )}
              </InfoCard>
            </Grid>
          )}
          <Grid item xs={12} md={6}>
            <AuditTimelineCard
              subheader="From the audit trail, refused attempts included"
              // A new status or vote means new entries.
              loadKey={`${request.id}:${request.status}:${request.history.length}`}
              load={cursor => api.getRequestAudit(request.id, { cursor })}
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
