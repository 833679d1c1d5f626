import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mockEntityPresentationApi } from '@internal/plugin-api-react/testUtils';
import { ApprovalRequest } from '@internal/plugin-approvals-common';
import { rootRouteRef } from '../../routes';
// Test only: the documents the backend would store, from its one parser.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { parsePlanReview } from '@internal/plugin-terraform-node';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { planFixtures } from '@internal/plugin-terraform-node/testUtils';
import { InfraApprovalDetails } from './InfraApprovalDetails';
import { InfraApprovalSummary } from './InfraApprovalSummary';

if (!planFixtures.present) {
  // eslint-disable-next-line no-console
  console.warn(planFixtures.skipReason);
}

const describeWithFixtures = planFixtures.present ? describe : describe.skip;

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
      version: 2,
      add: 0,
      change: 0,
      destroy: 1,
      replace: 0,
      noop: 0,
      read: 0,
      import: 0,
      move: 0,
      resources: [
        {
          address: 'aws_s3_bucket.this',
          type: 'aws_s3_bucket',
          mode: 'managed',
          action: 'delete',
          diff: {
            change: 'removed',
            before: { type: 'object' },
            children: [
              {
                key: 'bucket',
                change: 'removed',
                before: { type: 'value', value: 'payments-logs' },
              },
            ],
          },
        },
      ],
      outputs: [],
    },
    environment: 'prod',
    owner: 'group:default/team-payments',
    justification: 'Replaced by the new logs bucket',
  },
  links: [],
  history: [],
};

async function renderDetails(request: ApprovalRequest) {
  const { container } = await renderInTestApp(
    <TestApiProvider
      apis={[[entityPresentationApiRef, mockEntityPresentationApi()]]}
    >
      <InfraApprovalSummary request={request} />
      <InfraApprovalDetails request={request} />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/infra': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return container;
}

describe('InfraApprovalDetails', () => {
  it('shows the plan, environment, owner, justification and the request', async () => {
    await renderDetails(approval);
    expect(screen.getByTestId('plan-destroy-count')).toHaveTextContent(
      '1 to destroy',
    );
    expect(screen.getByText('will be DESTROYED')).toBeInTheDocument();
    expect(
      screen.getByText('This plan destroys 1 resource.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('plan-resource')).toHaveTextContent(
      '- bucket = "payments-logs"',
    );
    expect(screen.getByText('prod')).toBeInTheDocument();
    // The owner by its catalog name, linked to its page.
    expect(
      await screen.findByRole('link', { name: 'Team Payments' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('group:default/team-payments'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('Replaced by the new logs bucket'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the provisioning request' }),
    ).toHaveAttribute('href', '/infra/requests/req-5');
  });

  it("shows the guardrails' warnings in the summary, before the buttons", async () => {
    await renderInTestApp(
      <InfraApprovalSummary
        request={{
          ...approval,
          details: {
            ...approval.details,
            guardrails: [
              {
                name: 'larger-instance',
                level: 'warn',
                message: 'Larger than t3.small',
                outcome: 'violated',
                addresses: ['module.resource.terraform_data.instance'],
              },
            ],
          },
        }}
      />,
    );
    expect(
      screen.getByText('Warning: Larger than t3.small'),
    ).toBeInTheDocument();
    expect(screen.getByText('0 of 1 guardrails pass.')).toBeInTheDocument();
  });

  it('shows the estimated monthly cost in the summary, labelled as an estimate at list price', async () => {
    await renderInTestApp(
      <InfraApprovalSummary
        request={{
          ...approval,
          details: {
            ...approval.details,
            costEstimate: {
              currency: 'USD',
              hoursPerMonth: 730,
              prices: {
                source: 'AWS on-demand list prices',
                region: 'eu-west-1',
                asOf: '2024-06-01',
              },
              lines: [
                {
                  address: 'module.resource.aws_instance.this',
                  change: 'changed',
                  description: 'EC2 t3.micro → EC2 t3.medium',
                  monthlyBefore: 8.32,
                  monthlyAfter: 33.29,
                },
              ],
              usage: [
                {
                  address: 'aws_s3_bucket.this',
                  change: 'removed',
                  description: 'S3 Standard storage, by usage',
                  perGbMonth: 0.023,
                },
              ],
              unpriced: [],
              monthly: { new: 0, changed: 24.97, removed: 0, net: 24.97 },
            },
          },
        }}
      />,
    );
    expect(screen.getByTestId('cost-estimate')).toHaveTextContent(
      'Estimated monthly cost: +$24.97 (changed) - storage at $0.023/GB-month, at list price (AWS on-demand list prices, eu-west-1, as of 2024-06-01)',
    );
    expect(
      screen.getByText(
        /\+\$24\.97 \/ month \(changed\): EC2 t3\.micro → EC2 t3\.medium/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/not fetched live/)).toBeInTheDocument();
  });

  it('says an approval opened before cost estimates carries none', async () => {
    await renderInTestApp(<InfraApprovalSummary request={approval} />);
    expect(
      screen.getByText(
        'No cost estimate: this approval was opened before cost estimates.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the plan fingerprint folded and explained, and never the payload hash', async () => {
    const container = await renderDetails(approval);
    const fold = screen.getByTestId('plan-fingerprint');
    expect(fold.tagName).toBe('DETAILS');
    expect(fold).not.toHaveAttribute('open');
    expect(fold).toHaveTextContent('Plan fingerprint');
    expect(fold).toHaveTextContent(
      /Gantry applies only the plan with this fingerprint/,
    );
    expect(fold).toHaveTextContent('c'.repeat(64));
    expect(container.textContent).not.toContain(approval.payloadHash);
    expect(container.textContent).not.toMatch(/payload hash/i);
  });

  it('reads an approval opened before version 2 (counts and addresses, no diff)', async () => {
    await renderDetails({
      ...approval,
      details: {
        ...approval.details,
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
      },
    });
    expect(screen.getByTestId('plan-destroy-count')).toHaveTextContent(
      '1 to destroy',
    );
    expect(screen.getByText('aws_s3_bucket.this')).toBeInTheDocument();
    expect(
      screen.getByText('The attribute changes of this plan were not recorded.'),
    ).toBeInTheDocument();
  });

  describeWithFixtures('on the real plan documents', () => {
    it('shows the sensitive fixture plan to approvers without its sensitive value', async () => {
      const doc = planFixtures.read('110_sensitive_values.plan.json') as any;
      const container = await renderDetails({
        ...approval,
        details: { ...approval.details, planSummary: parsePlanReview(doc) },
      });
      expect(screen.getByTestId('plan-add-count')).toHaveTextContent(
        '7 to add',
      );
      const foo = screen
        .getAllByTestId('plan-output')
        .find(o => o.textContent?.includes('foo'))!;
      expect(foo).toHaveTextContent('(sensitive)');
      expect(foo.textContent).not.toContain(doc.output_changes.foo.after);
      expect(container.textContent).toContain('(sensitive)');
    });
  });

  it('falls back to a message when the details hold no plan summary', async () => {
    await renderDetails({
      ...approval,
      payload: {},
      details: { planSummary: 'not a plan' },
    });
    // Above the buttons and below them: never an empty plan.
    expect(screen.getAllByText(/carries no plan summary/)).toHaveLength(2);
    expect(screen.queryByTestId('plan-summary')).toBeNull();
    expect(
      screen.queryByRole('link', { name: 'Open the provisioning request' }),
    ).toBeNull();
  });
});
