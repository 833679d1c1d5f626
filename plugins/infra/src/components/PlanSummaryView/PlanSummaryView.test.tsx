import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { PlanSummaryDocument } from '@internal/plugin-infra-common';
import { PlanSummaryView } from './PlanSummaryView';

const plan: PlanSummaryDocument = {
  add: 3,
  change: 1,
  destroy: 2,
  replace: 1,
  resources: [
    { address: 'aws_s3_bucket.this', type: 'aws_s3_bucket', action: 'create' },
    {
      address: 'aws_s3_bucket_versioning.this',
      type: 'aws_s3_bucket_versioning',
      action: 'create',
    },
    {
      address: 'aws_s3_bucket_policy.this',
      type: 'aws_s3_bucket_policy',
      action: 'update',
    },
    {
      address: 'aws_instance.old',
      type: 'aws_instance',
      action: 'delete',
    },
    {
      address: 'aws_security_group.web',
      type: 'aws_security_group',
      action: 'replace',
    },
  ],
};

describe('PlanSummaryView', () => {
  it('shows the counts of the plan', async () => {
    await renderInTestApp(<PlanSummaryView summary={plan} />);
    expect(screen.getByTestId('plan-add-count')).toHaveTextContent('3 to add');
    expect(screen.getByTestId('plan-change-count')).toHaveTextContent(
      '1 to change',
    );
    expect(screen.getByTestId('plan-destroy-count')).toHaveTextContent(
      '2 to destroy',
    );
    expect(screen.getByTestId('plan-replace-count')).toHaveTextContent(
      '1 replaced',
    );
  });

  it('groups resources by action and marks destroys and replacements', async () => {
    await renderInTestApp(<PlanSummaryView summary={plan} />);

    const destroyed = screen.getByText('aws_instance.old').closest('tr')!;
    expect(
      within(destroyed).getByText('will be DESTROYED'),
    ).toBeInTheDocument();
    expect(within(destroyed).getByLabelText('warning')).toBeInTheDocument();
    expect(within(destroyed).getByText('aws_instance')).toBeInTheDocument();

    const replaced = screen.getByText('aws_security_group.web').closest('tr')!;
    expect(within(replaced).getByText(/will be REPLACED/)).toBeInTheDocument();

    const created = screen.getByText('aws_s3_bucket.this').closest('tr')!;
    expect(within(created).getByText('will be created')).toBeInTheDocument();
    expect(within(created).queryByLabelText('warning')).toBeNull();

    expect(screen.getAllByText('will be DESTROYED')).toHaveLength(1);
    expect(screen.getByText('Create (2)')).toBeInTheDocument();
    expect(screen.getByText('Destroy (1)')).toBeInTheDocument();
    expect(
      screen.getByText('This plan destroys 1 resource.'),
    ).toBeInTheDocument();
  });

  it('says when the plan changes nothing', async () => {
    await renderInTestApp(
      <PlanSummaryView
        summary={{ add: 0, change: 0, destroy: 0, replace: 0, resources: [] }}
      />,
    );
    expect(screen.getByTestId('plan-destroy-count')).toHaveTextContent(
      '0 to destroy',
    );
    expect(screen.getByText(/No changes/)).toBeInTheDocument();
    expect(screen.queryByText('will be DESTROYED')).toBeNull();
  });
});
