import { GuardrailResult, isDenial } from '@internal/plugin-infra-common';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';

const severityOf = (result: GuardrailResult) =>
  isDenial(result) ? 'error' : 'warning';

/**
 * The guardrails' results on a plan: each broken rule as an alert (red for a denial, or a
 * rule that could not be evaluated; amber for a warning) with its message and the resources that break it, then how many passed.
 */
export const GuardrailResults = ({
  results,
}: {
  results: GuardrailResult[];
}) => {
  const broken = results.filter(r => r.outcome !== 'passed');
  const passed = results.length - broken.length;
  if (results.length === 0) return null;
  return (
    <Box data-testid="guardrail-results">
      {broken.map(result => (
        <Box key={result.name} mb={1}>
          <Alert severity={severityOf(result)}>
            <strong>
              {isDenial(result) ? 'Denied' : 'Warning'}: {result.message}
            </strong>
            {result.addresses.length > 0 && (
              <Typography variant="body2">
                {result.addresses.join(', ')}
              </Typography>
            )}
            {result.reason && (
              <Typography variant="body2">The rule {result.reason}.</Typography>
            )}
            <Typography variant="caption" color="textSecondary">
              Guardrail {result.name}
            </Typography>
          </Alert>
        </Box>
      ))}
      <Typography variant="body2" color="textSecondary">
        {broken.length === 0
          ? `${
              passed === 1
                ? 'The guardrail passes'
                : `All ${passed} guardrails pass`
            }.`
          : `${passed} of ${results.length} guardrails pass.`}
      </Typography>
    </Box>
  );
};
