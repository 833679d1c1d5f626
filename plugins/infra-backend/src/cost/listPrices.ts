import { PriceListOrigin } from '@internal/plugin-infra-common';

/** The prices the cost estimate uses, in US dollars, with where they come from. */
export type PriceList = PriceListOrigin & {
  /** EC2 on-demand Linux price per hour, by instance type. */
  ec2HourlyByInstanceType: Record<string, number>;
  /** EBS gp3 storage per GB-month (an instance's root volume). */
  ebsGp3PerGbMonth: number;
  /** NAT gateway per hour (data processed is usage and not included). */
  natGatewayHourly: number;
  /** S3 Standard storage per GB-month (first 50 TB). */
  s3StandardPerGbMonth: number;
};

/**
 * The price table that ships with Gantry: AWS on-demand list prices for eu-west-1 (Ireland),
 * entered by hand for the AWS pricing pages (aws.amazon.com/ec2/pricing/on-demand,
 * /ebs/pricing, /vpc/pricing, /s3/pricing) with the date in `asOf`. They were NOT re-checked
 * against those pages when entered (the machine had no network); check them, and update
 * `asOf`, before relying on the estimate. They are list prices, never fetched live. Override
 * them with `infra.prices` in app-config (see docs/infra.md, "Cost estimate").
 */
export const LIST_PRICES: PriceList = {
  source: 'AWS on-demand list prices',
  region: 'eu-west-1',
  asOf: '2024-06-01',
  ec2HourlyByInstanceType: {
    't3.micro': 0.0114,
    't3.small': 0.0228,
    't3.medium': 0.0456,
    'm6i.large': 0.107,
  },
  ebsGp3PerGbMonth: 0.088,
  natGatewayHourly: 0.048,
  s3StandardPerGbMonth: 0.023,
};
