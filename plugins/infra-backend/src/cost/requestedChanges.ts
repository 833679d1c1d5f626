import { estimateInfraCostSchema } from '@internal/plugin-infra-common';
import { z } from 'zod';
import { ResourceChange } from '../plan/resourceChanges';

const created = (
  type: string,
  after: NonNullable<ResourceChange['change']>['after'],
): ResourceChange => ({
  address: `module.resource.${type}.this`,
  type,
  name: 'this',
  mode: 'managed',
  change: { actions: ['create'], before: null, after },
});

/**
 * The resources a new request would create, as resource changes with the attributes the
 * AWS modules give them, so the request form's estimate is priced by the same rule as a
 * plan. Only priced attributes are filled in; what the modules add for free is left out.
 */
export function requestedChanges(
  input: z.infer<typeof estimateInfraCostSchema>,
): ResourceChange[] {
  switch (input.kind) {
    case 'ec2-instance':
      return [
        created('aws_instance', {
          instance_type: input.parameters.instanceType,
          root_block_device: [{ volume_size: input.parameters.diskGb }],
        }),
      ];
    case 's3-bucket':
      return [created('aws_s3_bucket', {})];
    case 'vpc':
      // A VPC and its private subnets cost nothing by the hour.
      return [created('aws_vpc', {})];
    default:
      return [];
  }
}
