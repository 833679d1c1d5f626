import { renderInTestApp } from '@backstage/test-utils';
import { GuardrailResult } from '@internal/plugin-infra-common';
import { screen } from '@testing-library/react';
import { GuardrailResults } from './GuardrailResults';

const result = (overrides: Partial<GuardrailResult>): GuardrailResult => ({
  name: 'instance-types',
  level: 'deny',
  message: 'This instance type is not allowed in this environment',
  outcome: 'passed',
  addresses: [],
  ...overrides,
});

describe('GuardrailResults', () => {
  it('shows each broken rule with its message and resources, and counts the rest', async () => {
    await renderInTestApp(
      <GuardrailResults
        results={[
          result({}),
          result({
            name: 'larger-instance',
            level: 'warn',
            message: 'Larger than t3.small',
            outcome: 'violated',
            addresses: ['module.resource.terraform_data.instance'],
          }),
          result({
            name: 'prod-owner-tag',
            message: 'Production resources carry a gantry/owner tag',
            outcome: 'error',
            reason: 'could not be evaluated: x: field not found: tags',
          }),
        ]}
      />,
    );
    expect(
      screen.getByText('Warning: Larger than t3.small'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('module.resource.terraform_data.instance'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Denied: Production resources carry a gantry/owner tag'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The rule could not be evaluated: x: field not found: tags.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('1 of 3 guardrails pass.')).toBeInTheDocument();
  });

  it('says when every rule passes, and shows nothing without rules', async () => {
    await renderInTestApp(<GuardrailResults results={[result({})]} />);
    expect(screen.getByText('The guardrail passes.')).toBeInTheDocument();
  });
});
