import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown for `infra:request:submit` on the scaffolder's installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'Requests an S3 bucket; the infra backend plans it and asks the approvers to approve exactly that plan',
    example: `steps:
  - id: request
    action: infra:request:submit
    name: Request the bucket
    input:
      kind: s3-bucket
      name: \${{ parameters.name }}
      environment: \${{ parameters.environment }}
      ownerRef: \${{ parameters.owner }}
      systemRef: \${{ parameters.system }}
      justification: \${{ parameters.justification }}
      parameters:
        versioning: \${{ parameters.versioning }}
output:
  links:
    - title: Provisioning request
      url: \${{ steps.request.output.requestUrl }}
`,
  },
  {
    description: 'Requests a VPC with three subnets in dev',
    example: `steps:
  - id: request
    action: infra:request:submit
    name: Request the VPC
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
