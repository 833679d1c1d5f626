import { costEstimateText } from '@internal/plugin-infra-common';
import { managedResourceChangesOf } from '../plan/resourceChanges';
import { estimateCostOfChanges } from './estimateCost';
import { LIST_PRICES, PriceList } from './listPrices';
import { withPriceOverrides } from './readPriceList';

/** The estimate of a plan document, as the Planner makes it. */
const estimatePlanCost = (plan: unknown, prices: PriceList) =>
  estimateCostOfChanges(managedResourceChangesOf(plan), prices);

type Change = {
  address: string;
  type: string;
  name: string;
  actions: string[];
  before: object | null;
  after: object | null;
};

const planOf = (...changes: Change[]) => ({
  format_version: '1.2',
  resource_changes: changes.map(({ actions, before, after, ...rest }) => ({
    ...rest,
    mode: 'managed',
    change: { actions, before, after },
  })),
});

const instance = (
  actions: string[],
  before: { type: string; disk: number } | null,
  after: { type: string; disk: number } | null,
): Change => {
  const attributes = (side: { type: string; disk: number } | null) =>
    side && {
      instance_type: side.type,
      root_block_device: [{ volume_size: side.disk }],
    };
  return {
    address: 'module.resource.aws_instance.this',
    type: 'aws_instance',
    name: 'this',
    actions,
    before: attributes(before),
    after: attributes(after),
  };
};

// 730 h × $0.0114 + 20 GB × $0.088 = $8.32 + $1.76
const T3_MICRO_20GB = 10.08;
// 730 h × $0.0456 + 50 GB × $0.088 = $33.29 + $4.40
const T3_MEDIUM_50GB = 37.69;

describe('estimatePlanCost', () => {
  it('prices a new EC2 instance by the hour and its root volume by the GB-month', () => {
    const estimate = estimatePlanCost(
      planOf(instance(['create'], null, { type: 't3.micro', disk: 20 })),
      LIST_PRICES,
    );
    expect(estimate.lines).toEqual([
      {
        address: 'module.resource.aws_instance.this',
        change: 'new',
        description: 'EC2 t3.micro with 20 GB gp3',
        monthlyBefore: 0,
        monthlyAfter: T3_MICRO_20GB,
      },
    ]);
    expect(estimate.monthly).toEqual({
      new: T3_MICRO_20GB,
      changed: 0,
      removed: 0,
      net: T3_MICRO_20GB,
    });
    expect(costEstimateText(estimate)).toBe(
      'Estimated monthly cost: +$10.08 (new), at list price (AWS on-demand list prices, eu-west-1, as of 2024-06-01)',
    );
  });

  it('prices a change of instance type and disk size as the difference', () => {
    const estimate = estimatePlanCost(
      planOf(
        instance(
          ['update'],
          { type: 't3.micro', disk: 20 },
          { type: 't3.medium', disk: 50 },
        ),
      ),
      LIST_PRICES,
    );
    expect(estimate.lines).toEqual([
      expect.objectContaining({
        change: 'changed',
        description:
          'EC2 t3.micro with 20 GB gp3 → EC2 t3.medium with 50 GB gp3',
        monthlyBefore: T3_MICRO_20GB,
        monthlyAfter: T3_MEDIUM_50GB,
      }),
    ]);
    expect(estimate.monthly.changed).toBe(27.61);
    expect(estimate.monthly.net).toBe(27.61);
  });

  it('counts a destroy as a saving', () => {
    const estimate = estimatePlanCost(
      planOf(instance(['delete'], { type: 't3.micro', disk: 20 }, null)),
      LIST_PRICES,
    );
    expect(estimate.monthly).toEqual({
      new: 0,
      changed: 0,
      removed: -T3_MICRO_20GB,
      net: -T3_MICRO_20GB,
    });
    expect(costEstimateText(estimate)).toMatch(
      /^Estimated monthly cost: -\$10\.08 \(removed\), at list price/,
    );
  });

  it("reads a sandbox module's terraform_data input as its AWS twin's attributes", () => {
    const sandbox = (actions: string[], type: string): Change => ({
      address: 'module.resource.terraform_data.instance',
      type: 'terraform_data',
      name: 'instance',
      actions,
      before: { input: { instance_type: 't3.micro', disk_gb: 20 } },
      after: { input: { instance_type: type, disk_gb: 20 } },
    });
    expect(
      estimatePlanCost(planOf(sandbox(['update'], 'm6i.large')), LIST_PRICES)
        .lines,
    ).toEqual([
      expect.objectContaining({
        change: 'changed',
        monthlyBefore: T3_MICRO_20GB,
        // 730 h × $0.107 + 20 GB × $0.088
        monthlyAfter: 79.87,
      }),
    ]);
  });

  it('gives S3 storage as a rate per GB-month rather than an invented size', () => {
    const estimate = estimatePlanCost(
      planOf(
        {
          address: 'module.resource.aws_s3_bucket.this',
          type: 'aws_s3_bucket',
          name: 'this',
          actions: ['create'],
          before: null,
          after: { bucket: 'receipts' },
        },
        {
          address: 'module.resource.aws_s3_bucket_versioning.this',
          type: 'aws_s3_bucket_versioning',
          name: 'this',
          actions: ['create'],
          before: null,
          after: {},
        },
      ),
      LIST_PRICES,
    );
    expect(estimate.lines).toEqual([]);
    expect(estimate.usage).toEqual([
      {
        address: 'module.resource.aws_s3_bucket.this',
        change: 'new',
        description: 'S3 Standard storage, by usage',
        perGbMonth: 0.023,
      },
    ]);
    expect(costEstimateText(estimate)).toBe(
      'Estimated monthly cost: $0.00 + storage at $0.023/GB-month, at list price (AWS on-demand list prices, eu-west-1, as of 2024-06-01)',
    );
  });

  it('prices a NAT gateway by the hour and leaves VPCs and subnets free', () => {
    const free = (type: string): Change => ({
      address: `module.resource.${type}.this`,
      type,
      name: 'this',
      actions: ['create'],
      before: null,
      after: {},
    });
    const estimate = estimatePlanCost(
      planOf(free('aws_vpc'), free('aws_subnet'), free('aws_nat_gateway')),
      LIST_PRICES,
    );
    expect(estimate.lines.map(line => line.address)).toEqual([
      'module.resource.aws_nat_gateway.this',
    ]);
    // 730 h × $0.048
    expect(estimate.monthly.new).toBe(35.04);
  });

  it('lists an instance type without a price instead of guessing one', () => {
    const estimate = estimatePlanCost(
      planOf(instance(['create'], null, { type: 'x2iedn.32xlarge', disk: 8 })),
      LIST_PRICES,
    );
    expect(estimate.lines).toEqual([]);
    expect(estimate.unpriced).toEqual([
      'module.resource.aws_instance.this: EC2 instance type x2iedn.32xlarge has no list price',
    ]);
  });

  it('uses prices and their origin from config over the shipped table', () => {
    const prices = withPriceOverrides({
      source: 'Negotiated rates',
      asOf: '2026-11-01',
      ec2HourlyByInstanceType: { 't3.micro': 0.01 },
      ebsGp3PerGbMonth: 0.1,
    });
    const estimate = estimatePlanCost(
      planOf(instance(['create'], null, { type: 't3.micro', disk: 20 })),
      prices,
    );
    // 730 h × $0.01 + 20 GB × $0.10
    expect(estimate.monthly.new).toBe(9.3);
    expect(estimate.prices).toEqual({
      source: 'Negotiated rates',
      region: 'eu-west-1',
      asOf: '2026-11-01',
    });
    // Instance types not overridden keep their shipped price.
    expect(prices.ec2HourlyByInstanceType['m6i.large']).toBe(0.107);
  });

  it('refuses a misspelt or negative price in config', () => {
    expect(() => withPriceOverrides({ ebsGp2PerGbMonth: 0.1 })).toThrow(
      /Invalid infra.prices/,
    );
    expect(() => withPriceOverrides({ natGatewayHourly: -1 })).toThrow(
      /natGatewayHourly/,
    );
  });
});
