import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown for `terraform:apply` on the scaffolder's installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'Applies a provisioning request that has already been approved, for instance one planned by an earlier task',
    example: `steps:
  - id: apply
    action: terraform:apply
    name: Apply the approved plan
    input:
      requestId: \${{ parameters.requestId }}
`,
  },
];
