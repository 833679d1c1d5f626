import { z } from 'zod';
import {
  INFRA_ENVIRONMENTS,
  ec2InstanceParametersSchema,
  s3BucketParametersSchema,
  vpcParametersSchema,
} from './parameters';

/** Where a price list comes from: its source, region and the date the prices are from. */
export const priceListOriginSchema = z.object({
  source: z.string(),
  region: z.string(),
  asOf: z.string(),
});

/** How a priced resource change counts: a new resource, a changed one, or a removed one. */
export const COST_CHANGE_KINDS = ['new', 'changed', 'removed'] as const;

/** One resource change with a fixed monthly price, before and after. */
export const costLineSchema = z.object({
  address: z.string(),
  change: z.enum(COST_CHANGE_KINDS),
  description: z.string(),
  monthlyBefore: z.number(),
  monthlyAfter: z.number(),
});

/** One resource change priced by usage (S3 storage): a rate, never an invented size. */
export const usageCostSchema = z.object({
  address: z.string(),
  change: z.enum(COST_CHANGE_KINDS),
  description: z.string(),
  perGbMonth: z.number(),
});

/**
 * The estimated monthly cost (730 hours) of a plan or a request, at list price: fixed
 * prices per resource change, usage rates, and what could not be priced.
 */
export const costEstimateSchema = z.object({
  currency: z.literal('USD'),
  hoursPerMonth: z.number(),
  prices: priceListOriginSchema,
  lines: z.array(costLineSchema),
  usage: z.array(usageCostSchema),
  /** Resource changes that cost something but have no price in the list. */
  unpriced: z.array(z.string()),
  /** Monthly totals: added by new resources, the difference of changed ones, saved by removed ones. */
  monthly: z.object({
    new: z.number(),
    changed: z.number(),
    removed: z.number(),
    net: z.number(),
  }),
});

/** Where a price list comes from. */
export type PriceListOrigin = z.infer<typeof priceListOriginSchema>;
/** One fixed-price line of a {@link CostEstimate}. */
export type CostLine = z.infer<typeof costLineSchema>;
/** One usage-priced line of a {@link CostEstimate}. */
export type UsageCost = z.infer<typeof usageCostSchema>;
/** The estimated monthly cost of a plan or a request. */
export type CostEstimate = z.infer<typeof costEstimateSchema>;

/** Body of `POST /estimate`: what the request form has so far. */
export const estimateInfraCostSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('s3-bucket'),
      environment: z.enum(INFRA_ENVIRONMENTS),
      parameters: s3BucketParametersSchema.default({ versioning: true }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('ec2-instance'),
      environment: z.enum(INFRA_ENVIRONMENTS),
      parameters: ec2InstanceParametersSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('vpc'),
      environment: z.enum(INFRA_ENVIRONMENTS),
      parameters: vpcParametersSchema,
    })
    .strict(),
]);

/** Input of `POST /estimate`, before defaults. */
export type EstimateInfraCost = z.input<typeof estimateInfraCostSchema>;
