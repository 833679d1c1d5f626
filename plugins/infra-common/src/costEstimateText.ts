import { CostEstimate } from './costEstimate';

/** A monthly amount in dollars with its sign: `+$8.32`, `-$8.32`, `$0.00`. */
export function formatMonthlyAmount(amount: number): string {
  const cents = Math.round(amount * 100);
  if (cents === 0) return '$0.00';
  return `${cents > 0 ? '+' : '-'}$${(Math.abs(cents) / 100).toFixed(2)}`;
}

/** A per-GB-month rate: `$0.023/GB-month`. */
export function formatGbMonthRate(rate: number): string {
  return `$${rate}/GB-month`;
}

/** Where the estimate's prices come from, in words: `at list price (source, region, date)`. */
export function priceOriginText(estimate: CostEstimate): string {
  const { source, region, asOf } = estimate.prices;
  return `at list price (${source}, ${region}, as of ${asOf})`;
}

/**
 * The estimate in one sentence, the same for the approver, the requester and the form:
 * "Estimated monthly cost: +$8.32 (new), -$1.00 (removed) + storage at $0.023/GB-month,
 * at list price (AWS on-demand list prices, eu-west-1, as of 2024-06-01)".
 */
export function costEstimateText(estimate: CostEstimate): string {
  const { monthly } = estimate;
  const has = (kind: 'new' | 'changed' | 'removed') =>
    estimate.lines.some(line => line.change === kind);
  const parts = (['new', 'changed', 'removed'] as const)
    .filter(has)
    .map(kind => `${formatMonthlyAmount(monthly[kind])} (${kind})`);
  const amounts = parts.length ? parts.join(', ') : formatMonthlyAmount(0);
  // Storage a removed bucket no longer holds is a saving at the same rate.
  const rates = [
    ...new Set(
      estimate.usage.map(
        u =>
          ` ${
            u.change === 'removed' ? '-' : '+'
          } storage at ${formatGbMonthRate(u.perGbMonth)}`,
      ),
    ),
  ].join('');
  return `Estimated monthly cost: ${amounts}${rates}, ${priceOriginText(
    estimate,
  )}`;
}
