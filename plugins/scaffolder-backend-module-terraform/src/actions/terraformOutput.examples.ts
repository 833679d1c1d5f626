import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown for `terraform:output` on the scaffolder's installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'Reads the outputs of an applied provisioning request and logs the bucket ARN',
    example: `steps:
  - id: outputs
    action: terraform:output
    name: Read the bucket outputs
    input:
      requestId: \${{ parameters.requestId }}
  - id: log
    action: debug:log
    name: Log the ARN
    input:
      message: Bucket ARN is \${{ steps.outputs.output.outputs.arn }}
`,
  },
];
