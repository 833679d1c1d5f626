import {
  CostEstimate,
  costEstimateText,
  formatGbMonthRate,
  formatMonthlyAmount,
} from '@internal/plugin-infra-common';
import { Box, Typography } from '@material-ui/core';

/**
 * An estimated monthly cost at list price: one sentence ("Estimated monthly cost: +$10.08
 * (new), at list price (…)"), then what each resource change adds or saves, storage rates,
 * and what has no price. The same view for the approver, the requester and the request form.
 */
export const CostEstimateView = ({ estimate }: { estimate: CostEstimate }) => (
  <Box data-testid="cost-estimate" mb={1}>
    <Typography variant="body1">
      <strong>{costEstimateText(estimate)}</strong>
    </Typography>
    {estimate.lines.map(line => (
      <Typography variant="body2" key={`${line.address}-${line.change}`}>
        {formatMonthlyAmount(line.monthlyAfter - line.monthlyBefore)} / month (
        {line.change}): {line.description}
        {line.address ? ` — ${line.address}` : ''}
      </Typography>
    ))}
    {estimate.usage.map(item => (
      <Typography variant="body2" key={`${item.address}-${item.change}`}>
        {item.change === 'removed' ? 'No longer charged' : 'Plus'}:{' '}
        {item.description} at {formatGbMonthRate(item.perGbMonth)}
      </Typography>
    ))}
    {estimate.unpriced.map(note => (
      <Typography variant="body2" color="error" key={note}>
        Not included: {note}
      </Typography>
    ))}
    <Typography variant="caption" color="textSecondary">
      An estimate at list price for {estimate.hoursPerMonth} hours a month,
      before tax, discounts and data transfer; the prices are as of{' '}
      {estimate.prices.asOf}, not fetched live.
    </Typography>
  </Box>
);
