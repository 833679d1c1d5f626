import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { InfraHealth } from '@internal/plugin-infra-common';
import { infraApiRef } from '../../api/InfraApi';
import { TerraformHealthField } from './TerraformHealthField';

async function renderWith(health: InfraHealth) {
  const getHealth = jest.fn().mockResolvedValue(health);
  const { container } = await renderInTestApp(
    <TestApiProvider apis={[[infraApiRef, { getHealth }]]}>
      <TerraformHealthField />
    </TestApiProvider>,
  );
  return { getHealth, container };
}

describe('TerraformHealthField', () => {
  it('says on the form that requests cannot be planned, and what to do', async () => {
    const message =
      'No Terraform binary found; install terraform ≥ 1.5 or tofu, or set infra.terraform.binary';
    const { getHealth } = await renderWith({
      terraform: { available: false, binary: 'terraform', message },
    });
    expect(
      await screen.findByText(/Infrastructure requests cannot be planned here/),
    ).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(getHealth).toHaveBeenCalledTimes(1);
  });

  it('shows nothing when Terraform runs', async () => {
    const { getHealth, container } = await renderWith({
      terraform: { available: true, binary: 'terraform', version: '1.11.4' },
    });
    await new Promise(r => setTimeout(r, 0));
    expect(getHealth).toHaveBeenCalled();
    expect(container.textContent).toBe('');
  });
});
