import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { infraApiRef } from '../../api/InfraApi';

/**
 * Says, before anyone submits a request, that the backend cannot run Terraform and what to
 * do about it. Shows nothing while loading, when Terraform runs, or when the check fails.
 */
export const TerraformHealthBanner = () => {
  const api = useApi(infraApiRef);
  const { value } = useAsync(async () => api.getHealth(), [api]);
  if (!value || value.terraform.available) return null;
  return (
    <WarningPanel
      severity="error"
      defaultExpanded
      title="Infrastructure requests cannot be planned here"
      message={value.terraform.message}
    />
  );
};
