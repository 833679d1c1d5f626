import { z } from 'zod';

/** The kinds of resource Gantry provisions; each has a module in `terraform/modules/`. */
export const INFRA_RESOURCE_KINDS = [
  's3-bucket',
  'ec2-instance',
  'vpc',
] as const;

/**
 * Where a resource lives. `sandbox` is built only from Terraform's built-in resources (no
 * provider, no cloud account): the embedded default, where the whole flow runs offline.
 * `dev` and `prod` are AWS accounts, for machines with provider access.
 */
export const INFRA_ENVIRONMENTS = ['sandbox', 'dev', 'prod'] as const;

/** One of {@link INFRA_ENVIRONMENTS}. */
export type InfraEnvironment = (typeof INFRA_ENVIRONMENTS)[number];

/** One of {@link INFRA_RESOURCE_KINDS}. */
export type InfraResourceKind = (typeof INFRA_RESOURCE_KINDS)[number];

/** Instance sizes developers may request. */
export const EC2_INSTANCE_TYPES = [
  't3.micro',
  't3.small',
  't3.medium',
  'm6i.large',
] as const;

const PRIVATE_RANGES: Array<[number, number]> = [
  // [network, prefix length] of the RFC 1918 ranges
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
];

/** Is `value` an IPv4 CIDR of a private range with a prefix of /16 to /24? */
export function isPrivateCidr(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(
    value,
  );
  if (!match) return false;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some(o => o > 255) || prefix < 16 || prefix > 24) return false;
  const address =
    ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>>
    0;
  const hostBits = 32 - prefix;
  if (hostBits > 0 && address % 2 ** hostBits !== 0) return false;
  return PRIVATE_RANGES.some(([network, bits]) => {
    if (prefix < bits) return false;
    return address >>> (32 - bits) === network >>> (32 - bits);
  });
}

const resourceName = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,40}[a-z0-9]$/,
    'a name is 3-42 lowercase letters, digits and -, starting with a letter',
  );

/** Parameters of an S3 bucket request. */
export const s3BucketParametersSchema = z
  .object({ versioning: z.boolean().default(true) })
  .strict();

/** Parameters of an EC2 instance request. */
export const ec2InstanceParametersSchema = z
  .object({
    instanceType: z.enum(EC2_INSTANCE_TYPES),
    subnetId: z
      .string()
      .regex(/^subnet-[0-9a-f]{8,17}$/, 'a subnet id such as subnet-0abc1234'),
    diskGb: z.number().int().min(8).max(500).default(20),
  })
  .strict();

/** Parameters of a VPC request. */
export const vpcParametersSchema = z
  .object({
    cidrBlock: z
      .string()
      .refine(
        isPrivateCidr,
        'a private IPv4 CIDR (10/8, 172.16/12 or 192.168/16) with a prefix of /16 to /24',
      ),
    subnetCount: z.number().int().min(1).max(4).default(2),
  })
  .strict();

/** The kind-specific parameters of a request. */
export type InfraParameters =
  | z.infer<typeof s3BucketParametersSchema>
  | z.infer<typeof ec2InstanceParametersSchema>
  | z.infer<typeof vpcParametersSchema>;

const groupRef = z
  .string()
  .regex(
    /^group:[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*$/i,
    'must be a group entity ref such as group:default/team-payments',
  );
const systemRef = z
  .string()
  .regex(
    /^system:[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*$/i,
    'must be a system entity ref such as system:default/payments',
  );

const common = {
  name: resourceName,
  environment: z.enum(INFRA_ENVIRONMENTS),
  ownerRef: groupRef,
  systemRef: systemRef.optional(),
  justification: z.string().trim().min(10).max(2000),
};

/** Body of `POST /requests`: a new resource to plan. */
export const createInfraRequestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('s3-bucket'),
      ...common,
      parameters: s3BucketParametersSchema.default({ versioning: true }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('ec2-instance'),
      ...common,
      parameters: ec2InstanceParametersSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('vpc'),
      ...common,
      parameters: vpcParametersSchema,
    })
    .strict(),
]);

/** Input of `POST /requests`, before defaults. */
export type CreateInfraRequest = z.input<typeof createInfraRequestSchema>;
/** Parsed body of `POST /requests`. */
export type ParsedCreateInfraRequest = z.infer<typeof createInfraRequestSchema>;

/** Body of `POST /resources/:id/destroy`. */
export const destroyInfraResourceSchema = z
  .object({ justification: z.string().trim().min(10).max(2000) })
  .strict();

/** Query of `GET /requests` and `GET /resources`. */
export const listInfraQuerySchema = z
  .object({
    mine: z.enum(['true', 'false']).optional(),
    kind: z.enum(INFRA_RESOURCE_KINDS).optional(),
    status: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
  })
  .strict();

/** Parsed list query. */
export type ListInfraQuery = z.infer<typeof listInfraQuerySchema>;
