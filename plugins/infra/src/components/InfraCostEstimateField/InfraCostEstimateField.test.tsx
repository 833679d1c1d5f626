import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { CostEstimate } from '@internal/plugin-infra-common';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { InfraApi, infraApiRef } from '../../api/InfraApi';
import {
  InfraCostEstimateField,
  InfraCostEstimateFieldOptions,
} from './InfraCostEstimateField';

const estimate: CostEstimate = {
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
      change: 'new',
      description: 'EC2 t3.micro with 20 GB gp3',
      monthlyBefore: 0,
      monthlyAfter: 10.08,
    },
  ],
  usage: [],
  unpriced: [],
  monthly: { new: 10.08, changed: 0, removed: 0, net: 10.08 },
};

type Props = FieldExtensionComponentProps<
  string,
  InfraCostEstimateFieldOptions
>;

async function renderField(
  formData: Record<string, unknown>,
  estimateCost: InfraApi['estimateCost'],
) {
  const props = {
    uiSchema: { 'ui:options': { kind: 'ec2-instance' } },
    formContext: { formData },
  } as unknown as Props;
  await renderInTestApp(
    <TestApiProvider apis={[[infraApiRef, { estimateCost }]]}>
      <InfraCostEstimateField {...props} />
    </TestApiProvider>,
  );
}

describe('InfraCostEstimateField', () => {
  it('asks the backend for the estimate of what the form holds and shows it', async () => {
    const estimateCost = jest.fn().mockResolvedValue(estimate);
    await renderField(
      {
        name: 'build-runner',
        environment: 'sandbox',
        justification: 'CI runners for payments',
        instanceType: 't3.micro',
        subnetId: 'subnet-0abc1234',
        diskGb: 20,
      },
      estimateCost,
    );
    expect(await screen.findByTestId('cost-estimate')).toHaveTextContent(
      'Estimated monthly cost: +$10.08 (new), at list price (AWS on-demand list prices, eu-west-1, as of 2024-06-01)',
    );
    // Only the kind's parameters go to the backend, never the rest of the form.
    expect(estimateCost).toHaveBeenCalledWith({
      kind: 'ec2-instance',
      environment: 'sandbox',
      parameters: {
        instanceType: 't3.micro',
        subnetId: 'subnet-0abc1234',
        diskGb: 20,
      },
    });
  });

  it('waits for an environment before asking for an estimate', async () => {
    const estimateCost = jest.fn();
    await renderField({ instanceType: 't3.micro' }, estimateCost);
    expect(
      screen.getByText(
        'Choose the environment and settings to see an estimate.',
      ),
    ).toBeInTheDocument();
    expect(estimateCost).not.toHaveBeenCalled();
  });

  it("shows the backend's refusal", async () => {
    const estimateCost = jest
      .fn()
      .mockRejectedValue(new Error('Invalid request: parameters.subnetId'));
    await renderField(
      { environment: 'dev', instanceType: 't3.micro' },
      estimateCost,
    );
    expect(
      (await screen.findAllByText(/Invalid request: parameters.subnetId/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('cost-estimate')).not.toBeInTheDocument();
  });
});
