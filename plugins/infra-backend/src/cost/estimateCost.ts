import { JsonObject } from '@backstage/types';
import {
  CostEstimate,
  CostLine,
  UsageCost,
} from '@internal/plugin-infra-common';
import { ResourceChange, attributesOf } from '../plan/resourceChanges';
import { PriceList } from './listPrices';

/** Hours in the estimate's month (365 × 24 / 12), as AWS's own calculator counts. */
export const HOURS_PER_MONTH = 730;

// The sandbox modules' `terraform_data` resources, by name, and the AWS resource each twins.
const SANDBOX_TWINS: Record<string, string> = {
  instance: 'aws_instance',
  bucket: 'aws_s3_bucket',
  vpc: 'aws_vpc',
  private_subnet: 'aws_subnet',
};

/** What one side of a resource change costs. */
type Price =
  | { kind: 'fixed'; monthly: number; description: string }
  | { kind: 'usage'; perGbMonth: number; description: string }
  | { kind: 'unpriced'; description: string }
  | { kind: 'free' };

const cents = (amount: number) => Math.round(amount * 100) / 100;

function volumeSizeOf(attributes: JsonObject): number | undefined {
  // The sandbox twin keeps the root volume's size as `disk_gb`.
  if (typeof attributes.disk_gb === 'number') return attributes.disk_gb;
  const root = attributes.root_block_device;
  const first = Array.isArray(root) ? root[0] : undefined;
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    const size = first.volume_size;
    if (typeof size === 'number') return size;
  }
  return undefined;
}

function priceOf(
  awsType: string,
  attributes: JsonObject,
  prices: PriceList,
): Price {
  switch (awsType) {
    case 'aws_instance': {
      const type = attributes.instance_type;
      const hourly =
        typeof type === 'string'
          ? prices.ec2HourlyByInstanceType[type]
          : undefined;
      if (hourly === undefined) {
        return {
          kind: 'unpriced',
          description: `EC2 instance type ${
            typeof type === 'string' ? type : '(known after apply)'
          } has no list price`,
        };
      }
      const diskGb = volumeSizeOf(attributes) ?? 0;
      return {
        kind: 'fixed',
        monthly: hourly * HOURS_PER_MONTH + diskGb * prices.ebsGp3PerGbMonth,
        description: `EC2 ${type}${diskGb ? ` with ${diskGb} GB gp3` : ''}`,
      };
    }
    case 'aws_nat_gateway':
      return {
        kind: 'fixed',
        monthly: prices.natGatewayHourly * HOURS_PER_MONTH,
        description: 'NAT gateway (data processed not included)',
      };
    case 'aws_s3_bucket':
      return {
        kind: 'usage',
        perGbMonth: prices.s3StandardPerGbMonth,
        description: 'S3 Standard storage, by usage',
      };
    default:
      // VPCs, subnets and bucket settings have no charge of their own.
      return { kind: 'free' };
  }
}

/** The AWS resource type a change prices as: its own, or its sandbox twin's. */
function awsTypeOf(change: ResourceChange): string {
  if (change.type !== 'terraform_data') return change.type ?? '';
  return SANDBOX_TWINS[change.name ?? ''] ?? '';
}

function changeKindOf(actions: string[]): CostLine['change'] {
  if (actions.includes('create') && !actions.includes('delete')) return 'new';
  if (actions.includes('delete') && !actions.includes('create')) {
    return 'removed';
  }
  return 'changed';
}

const NO_PRICE: Price = { kind: 'free' };

/**
 * The estimated monthly cost of resource changes at the given list prices: a new resource
 * adds its price, a changed one (an update or a replacement) the difference between its
 * attributes before and after (an instance type, a disk size), a removed one saves its
 * price. Storage priced by usage is given as a rate, never as an invented size.
 */
export function estimateCostOfChanges(
  changes: ResourceChange[],
  prices: PriceList,
): CostEstimate {
  const lines: CostLine[] = [];
  const usage: UsageCost[] = [];
  const unpriced: string[] = [];
  for (const change of changes) {
    const awsType = awsTypeOf(change);
    const kind = changeKindOf(change.change?.actions ?? []);
    const address = change.address ?? '';
    const before =
      kind === 'new'
        ? NO_PRICE
        : priceOf(awsType, attributesOf(change, 'before'), prices);
    const after =
      kind === 'removed'
        ? NO_PRICE
        : priceOf(awsType, attributesOf(change, 'after'), prices);
    const sides = [before, after];
    const missing = sides.find(p => p.kind === 'unpriced');
    if (missing?.kind === 'unpriced') {
      unpriced.push(`${address}: ${missing.description}`);
      continue;
    }
    const rate = sides.find(p => p.kind === 'usage');
    if (rate?.kind === 'usage') {
      usage.push({
        address,
        change: kind,
        description: rate.description,
        perGbMonth: rate.perGbMonth,
      });
      continue;
    }
    const fixedBefore = before.kind === 'fixed' ? before : undefined;
    const fixedAfter = after.kind === 'fixed' ? after : undefined;
    if (!fixedBefore && !fixedAfter) continue;
    const descriptions = [
      ...new Set([fixedBefore?.description, fixedAfter?.description]),
    ].filter(Boolean);
    const monthlyBefore = cents(fixedBefore?.monthly ?? 0);
    const monthlyAfter = cents(fixedAfter?.monthly ?? 0);
    const description = descriptions.join(' → ');
    lines.push({
      address,
      change: kind,
      description,
      monthlyBefore,
      monthlyAfter,
    });
  }
  const sum = (kind: CostLine['change']) =>
    cents(
      lines
        .filter(line => line.change === kind)
        .reduce(
          (total, line) => total + line.monthlyAfter - line.monthlyBefore,
          0,
        ),
    );
  const monthly = {
    new: sum('new'),
    changed: sum('changed'),
    removed: sum('removed'),
    net: 0,
  };
  monthly.net = cents(monthly.new + monthly.changed + monthly.removed);
  const { source, region, asOf } = prices;
  return {
    currency: 'USD',
    hoursPerMonth: HOURS_PER_MONTH,
    prices: { source, region, asOf },
    lines,
    usage,
    unpriced,
    monthly,
  };
}
