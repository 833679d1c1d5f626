import { RootConfigService } from '@backstage/backend-plugin-api';
import { z } from 'zod';
import { LIST_PRICES, PriceList } from './listPrices';

const price = z.number().nonnegative();

const priceOverridesSchema = z
  .object({
    source: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    asOf: z.string().min(1).optional(),
    ec2HourlyByInstanceType: z.record(z.string(), price).optional(),
    ebsGp3PerGbMonth: price.optional(),
    natGatewayHourly: price.optional(),
    s3StandardPerGbMonth: price.optional(),
  })
  .strict();

/** `infra.prices`, as given in config. */
export type PriceOverrides = z.input<typeof priceOverridesSchema>;

/**
 * The shipped list prices with `overrides` laid over them; instance types add to or replace
 * the shipped ones. A misspelt key or a negative price stops the backend at start.
 */
export function withPriceOverrides(
  overrides: unknown,
  base: PriceList = LIST_PRICES,
): PriceList {
  const parsed = priceOverridesSchema.safeParse(overrides ?? {});
  if (!parsed.success) {
    throw new Error(
      `Invalid infra.prices: ${parsed.error.issues
        .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  const { ec2HourlyByInstanceType, ...rest } = parsed.data;
  return {
    ...base,
    ...rest,
    ec2HourlyByInstanceType: {
      ...base.ec2HourlyByInstanceType,
      ...ec2HourlyByInstanceType,
    },
  };
}

/** The price list of this backend: the shipped table, overridden by `infra.prices`. */
export function readPriceList(config: RootConfigService): PriceList {
  return withPriceOverrides(config.getOptional('infra.prices'));
}
