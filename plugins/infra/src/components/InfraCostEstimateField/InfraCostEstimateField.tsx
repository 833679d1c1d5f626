import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Box, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { infraApiRef } from '../../api/InfraApi';
import { CostEstimateView } from '../CostEstimateView';
import { estimateInputOf } from './estimateInputOf';

/** `ui:options` of the `InfraCostEstimate` field. */
export type InfraCostEstimateFieldOptions = {
  /** The kind of resource the template requests: `s3-bucket`, `ec2-instance` or `vpc`. */
  kind?: string;
};

/**
 * A read-only field of the request templates: the estimated monthly cost at list price of
 * what the form holds, from the infra backend, before the developer submits. It sets no
 * value.
 */
export const InfraCostEstimateField = (
  props: FieldExtensionComponentProps<string, InfraCostEstimateFieldOptions>,
) => {
  const infraApi = useApi(infraApiRef);
  const formData = (props.formContext?.formData ?? {}) as Record<
    string,
    unknown
  >;
  const input = estimateInputOf(props.uiSchema['ui:options']?.kind, formData);
  const key = JSON.stringify(input ?? null);
  const { loading, error, value } = useAsync(
    async () => (input ? infraApi.estimateCost(input) : undefined),
    [infraApi, key],
  );
  return (
    <Box mb={2}>
      <Typography variant="h6">Cost estimate</Typography>
      {!input && (
        <Typography color="textSecondary">
          Choose the environment and settings to see an estimate.
        </Typography>
      )}
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <CostEstimateView estimate={value} />}
    </Box>
  );
};
