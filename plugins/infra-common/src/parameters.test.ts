import { createInfraRequestSchema, isPrivateCidr } from './parameters';

describe('isPrivateCidr', () => {
  it.each(['10.0.0.0/16', '172.16.0.0/20', '192.168.10.0/24', '10.20.0.0/16'])(
    'accepts %s',
    cidr => expect(isPrivateCidr(cidr)).toBe(true),
  );
  it.each([
    '8.8.8.0/24', // public
    '10.0.0.0/8', // too large
    '10.0.0.0/28', // too small
    '172.32.0.0/16', // outside 172.16/12
    '10.0.0.1/24', // host bits set
    '300.0.0.0/16',
    '10.0.0.0',
    '10.0.0.0/16; rm -rf /',
  ])('refuses %s', cidr => expect(isPrivateCidr(cidr)).toBe(false));
});

describe('createInfraRequestSchema', () => {
  const base = {
    name: 'payments-logs',
    environment: 'dev',
    ownerRef: 'group:default/team-payments',
    justification: 'Logs for the payments service',
  };

  it('defaults S3 parameters', () => {
    const parsed = createInfraRequestSchema.parse({
      kind: 's3-bucket',
      ...base,
    });
    expect(parsed.parameters).toEqual({ versioning: true });
  });

  it('accepts every environment, sandbox included', () => {
    for (const environment of ['sandbox', 'dev', 'prod']) {
      const parsed = createInfraRequestSchema.parse({
        kind: 's3-bucket',
        ...base,
        environment,
      });
      expect(parsed.environment).toBe(environment);
    }
  });

  it('refuses an environment outside the list', () => {
    const result = createInfraRequestSchema.safeParse({
      kind: 's3-bucket',
      ...base,
      environment: 'staging',
    });
    expect(result.success).toBe(false);
  });

  it('accepts a valid EC2 request and defaults its disk', () => {
    const parsed = createInfraRequestSchema.parse({
      kind: 'ec2-instance',
      ...base,
      parameters: { instanceType: 't3.small', subnetId: 'subnet-0abc1234' },
    });
    expect(parsed).toEqual({
      kind: 'ec2-instance',
      ...base,
      parameters: {
        instanceType: 't3.small',
        subnetId: 'subnet-0abc1234',
        diskGb: 20,
      },
    });
  });

  it('refuses an instance size outside the allowed list', () => {
    const result = createInfraRequestSchema.safeParse({
      kind: 'ec2-instance',
      ...base,
      parameters: { instanceType: 'x1e.32xlarge', subnetId: 'subnet-0abc1234' },
    });
    expect(result.success).toBe(false);
  });

  it('accepts a valid VPC request in the sandbox and defaults its subnets', () => {
    const parsed = createInfraRequestSchema.parse({
      kind: 'vpc',
      ...base,
      environment: 'sandbox',
      parameters: { cidrBlock: '10.1.0.0/16' },
    });
    expect(parsed).toEqual({
      kind: 'vpc',
      ...base,
      environment: 'sandbox',
      parameters: { cidrBlock: '10.1.0.0/16', subnetCount: 2 },
    });
  });

  it('refuses a VPC with a public CIDR', () => {
    const result = createInfraRequestSchema.safeParse({
      kind: 'vpc',
      ...base,
      parameters: { cidrBlock: '8.8.8.0/24' },
    });
    expect(result.success).toBe(false);
  });

  it('refuses names that could smuggle syntax', () => {
    const result = createInfraRequestSchema.safeParse({
      kind: 's3-bucket',
      ...base,
      name: 'a"; destroy',
    });
    expect(result.success).toBe(false);
  });

  it('refuses unknown fields', () => {
    const result = createInfraRequestSchema.safeParse({
      kind: 'vpc',
      ...base,
      parameters: { cidrBlock: '10.1.0.0/16', extra: 1 },
    });
    expect(result.success).toBe(false);
  });
});
