import { mockServices } from '@backstage/backend-test-utils';
import { compileGuardrails } from './compileGuardrails';
import { deniedBy } from '@internal/plugin-infra-common';
import { managedResourceChangesOf } from '../plan/resourceChanges';
import {
  describeGuardrailResult,
  evaluateGuardrails,
} from './evaluateGuardrails';

/** Runs the rules on a plan document, as the Planner does. */
const evaluate = (
  guardrails: Parameters<typeof evaluateGuardrails>[0],
  plan: unknown,
  request: Parameters<typeof evaluateGuardrails>[2],
) => evaluateGuardrails(guardrails, managedResourceChangesOf(plan), request);

const rules = (guardrails: object[]) =>
  compileGuardrails(
    mockServices.rootConfig({ data: { infra: { guardrails } } }),
  );

const request = {
  environment: 'prod' as const,
  kind: 'ec2-instance' as const,
  operation: 'create' as const,
  parameters: {
    instanceType: 'm6i.large' as const,
    subnetId: 'subnet-0abc1234',
    diskGb: 20,
  },
  ownerRef: 'group:default/team-payments',
};

/** A resource change as `terraform show -json` writes it. */
const change = (
  address: string,
  type: string,
  actions: string[],
  after: object | null,
  before: object | null = null,
  mode = 'managed',
) => ({
  address,
  type,
  name: address.split('.').pop(),
  mode,
  change: { actions, before, after },
});

const sandboxInstance = (instanceType: string, tags: object = {}) =>
  change('module.ec2.terraform_data.instance', 'terraform_data', ['create'], {
    input: { instance_type: instanceType, tags },
  });

const allowedTypes = {
  name: 'instance-types',
  level: 'deny',
  message: 'Instance types come from the list of the environment',
  when: 'has(values.instance_type)',
  assert:
    'values.instance_type in {"prod": ["t3.small"], "sandbox": ["t3.small", "t3.large"]}[request.environment]',
};

describe('evaluateGuardrails', () => {
  it('reads a sandbox module through its terraform_data input, per environment', () => {
    const plan = { resource_changes: [sandboxInstance('t3.large')] };
    expect(evaluate(rules([allowedTypes]), plan, request)).toEqual([
      {
        name: 'instance-types',
        level: 'deny',
        message: 'Instance types come from the list of the environment',
        outcome: 'violated',
        addresses: ['module.ec2.terraform_data.instance'],
      },
    ]);
    expect(
      evaluate(rules([allowedTypes]), plan, {
        ...request,
        environment: 'sandbox',
      })[0].outcome,
    ).toBe('passed');
  });

  it('reads an AWS resource by its attributes, and skips what `when` leaves out', () => {
    const plan = {
      resource_changes: [
        change('aws_instance.this', 'aws_instance', ['create'], {
          instance_type: 't3.small',
        }),
        change('aws_s3_bucket.b', 'aws_s3_bucket', ['create'], { bucket: 'b' }),
        change('data.aws_ami.x', 'aws_ami', ['read'], {}, null, 'data'),
        change('aws_instance.old', 'aws_instance', ['no-op'], {
          instance_type: 'm5.24xlarge',
        }),
      ],
    };
    expect(evaluate(rules([allowedTypes]), plan, request)[0]).toMatchObject({
      outcome: 'passed',
      addresses: [],
    });
  });

  it('sees what a destroy removes, and warns rather than denies when told to', () => {
    const plan = {
      resource_changes: [
        change('aws_s3_bucket.b', 'aws_s3_bucket', ['delete'], null, {
          tags: { protected: 'true' },
        }),
      ],
    };
    const [result] = evaluate(
      rules([
        {
          name: 'protected',
          level: 'warn',
          message: 'A protected resource is destroyed',
          when: '"delete" in resource.actions',
          assert: '!("protected" in values.tags)',
        },
      ]),
      plan,
      { ...request, operation: 'destroy' },
    );
    expect(result).toMatchObject({
      level: 'warn',
      outcome: 'violated',
      addresses: ['aws_s3_bucket.b'],
    });
  });

  it('counts a rule it cannot evaluate as an error, with the reason', () => {
    const plan = { resource_changes: [sandboxInstance('t3.small')] };
    const results = evaluate(
      rules([
        {
          name: 'missing-field',
          level: 'deny',
          message: 'Tagged with an owner',
          assert: 'values.owner_tag == "x"',
        },
        {
          name: 'not-boolean',
          level: 'warn',
          message: 'Says a string',
          assert: 'values.instance_type',
        },
      ]),
      plan,
      request,
    );
    expect(results[0]).toMatchObject({
      outcome: 'error',
      reason: expect.stringMatching(
        /^could not be evaluated: module\.ec2\.terraform_data\.instance: .*owner_tag/,
      ),
    });
    expect(results[1]).toMatchObject({
      level: 'warn',
      outcome: 'error',
      reason: expect.stringMatching(/not true or false/),
    });
    // A rule that cannot be checked stops the request, even a warning.
    expect(deniedBy(results).map(r => r.name)).toEqual([
      'missing-field',
      'not-boolean',
    ]);
    expect(describeGuardrailResult(results[1])).toMatch(
      /^Denied by not-boolean: Says a string\. The rule could not be evaluated: /,
    );
  });

  it('passes every rule on a plan that changes nothing', () => {
    expect(evaluate(rules([allowedTypes]), {}, request)[0].outcome).toBe(
      'passed',
    );
  });
});

describe('compileGuardrails', () => {
  it.each([
    [
      [{ ...allowedTypes, assert: 'values.(' }],
      /instance-types: assert is not valid CEL/,
    ],
    [[{ ...allowedTypes, level: 'block' }], /0\.level/],
    [[{ ...allowedTypes, extra: 1 }], /extra/],
    [[allowedTypes, allowedTypes], /named twice/],
    [[{ ...allowedTypes, name: 'Bad Name' }], /lower-case slug/],
  ])('refuses an invalid rule at start (%#)', (guardrails, message) => {
    expect(() => rules(guardrails)).toThrow(message);
  });

  it('has no rules without config', () => {
    expect(compileGuardrails(mockServices.rootConfig())).toEqual([]);
  });
});
