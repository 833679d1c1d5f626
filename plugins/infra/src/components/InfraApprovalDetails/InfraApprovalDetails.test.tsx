import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { rootRouteRef } from '../../routes';
import { InfraApprovalDetails } from './InfraApprovalDetails';

const approval: ApprovalRequest = {
  id: 'appr-1',
  kind: 'infrastructure',
  title: 'Destroy s3-bucket payments-logs',
  status: 'pending',
  requesterRef: 'user:default/dev',
  createdBy: 'plugin:infra',
  approvers: { users: [], groups: ['group:default/approvers'] },
  quorum: 1,
  approvals: 0,
  expiresAt: '2030-01-01T00:00:00.000Z',
  createdAt: '2029-12-25T00:00:00.000Z',
  updatedAt: '2029-12-25T00:00:00.000Z',
  payload: {
    infraRequestId: 'req-5',
    planHash: 'c'.repeat(64),
    operation: 'destroy',
    kind: 's3-bucket',
    name: 'payments-logs',
    environment: 'prod',
    parameters: { versioning: true },
  },
  payloadHash: 'a'.repeat(64),
  details: {
    planSummary: {
      add: 0,
      change: 0,
      destroy: 1,
      replace: 0,
      resources: [
        {
          address: 'aws_s3_bucket.this',
          type: 'aws_s3_bucket',
          action: 'delete',
        },
      ],
    },
    environment: 'prod',
    owner: 'group:default/team-payments',
    justification: 'Replaced by the new logs bucket',
  },
  links: [],
  history: [],
};

async function renderDetails(request: ApprovalRequest) {
  await renderInTestApp(<InfraApprovalDetails request={request} />, {
    mountedRoutes: { '/infra': rootRouteRef },
  });
}

describe('InfraApprovalDetails', () => {
  it('shows the plan, environment, owner, justification and the request', async () => {
    await renderDetails(approval);
    expect(screen.getByTestId('plan-destroy-count')).toHaveTextContent(
      '1 to destroy',
    );
    expect(screen.getByText('will be DESTROYED')).toBeInTheDocument();
    expect(screen.getByText('prod')).toBeInTheDocument();
    expect(screen.getByText('group:default/team-payments')).toBeInTheDocument();
    expect(
      screen.getByText('Replaced by the new logs bucket'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the provisioning request' }),
    ).toHaveAttribute('href', '/infra/requests/req-5');
  });

  it('falls back to a message when the details hold no plan summary', async () => {
    await renderDetails({
      ...approval,
      payload: {},
      details: { planSummary: 'not a plan' },
    });
    expect(screen.getByText(/carries no plan summary/)).toBeInTheDocument();
    expect(screen.queryByTestId('plan-summary')).toBeNull();
    expect(
      screen.queryByRole('link', { name: 'Open the provisioning request' }),
    ).toBeNull();
  });
});
