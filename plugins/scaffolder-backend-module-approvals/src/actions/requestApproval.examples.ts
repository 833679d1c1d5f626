import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown for `gantry:approval:request` on the scaffolder's installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'Asks the default approvers group to approve a payload, with the defaults for everything else',
    example: `steps:
  - id: request
    action: gantry:approval:request
    name: Request approval
    input:
      title: Create repository \${{ parameters.name }}
      payload:
        repository: \${{ parameters.name }}
`,
  },
  {
    description:
      'Asks two named approvers out of a team to approve a production change within a day, on behalf of the owning team',
    example: `steps:
  - id: request
    action: gantry:approval:request
    name: Request approval
    input:
      kind: prod-change
      title: Scale \${{ parameters.service }} to \${{ parameters.replicas }} replicas
      summary: Raises the replica count in production.
      onBehalfOf: group:default/team-a
      approvers:
        users:
          - user:default/jane
        groups:
          - group:default/sre
      quorum: 2
      expiresInSeconds: 86400
      payload:
        service: \${{ parameters.service }}
        replicas: \${{ parameters.replicas }}
      details:
        environment: production
      links:
        - title: Runbook
          url: https://runbooks.example.com/scaling
`,
  },
];
