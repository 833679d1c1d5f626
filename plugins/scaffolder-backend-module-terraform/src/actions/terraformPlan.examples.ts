import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown for `terraform:plan` on the scaffolder's installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'Plans an S3 bucket and asks the approvers to approve exactly that plan',
    example: `steps:
  - id: plan
    action: terraform:plan
    name: Plan the bucket
    input:
      kind: s3-bucket
      name: \${{ parameters.name }}
      environment: \${{ parameters.environment }}
      ownerRef: \${{ parameters.owner }}
      systemRef: \${{ parameters.system }}
      justification: \${{ parameters.justification }}
      parameters:
        versioning: \${{ parameters.versioning }}
  - id: approval
    action: gantry:approval:request
    name: Request approval
    input:
      kind: infrastructure
      title: S3 bucket \${{ parameters.name }} (\${{ parameters.environment }})
      summary: \${{ parameters.justification }}
      onBehalfOf: \${{ parameters.owner }}
      payload: \${{ steps.plan.output.approvalPayload }}
      details: \${{ steps.plan.output.approvalDetails }}
`,
  },
  {
    description: 'Plans a VPC with three subnets in dev',
    example: `steps:
  - id: plan
    action: terraform:plan
    name: Plan the VPC
    input:
      kind: vpc
      name: payments-network
      environment: dev
      ownerRef: group:default/team-payments
      justification: A private network for the payments services
      parameters:
        cidrBlock: 10.20.0.0/16
        subnetCount: 3
`,
  },
];
