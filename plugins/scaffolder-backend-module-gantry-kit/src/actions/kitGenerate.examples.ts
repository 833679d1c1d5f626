import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown for `gantry:kit:generate` on the scaffolder's installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'Renders the plugin kit for a new plugin and writes it to the local output folder',
    example: `steps:
  - id: generate
    action: gantry:kit:generate
    name: Render the plugin kit
    input:
      pluginId: \${{ parameters.pluginId }}
  - id: write-local
    action: gantry:kit:write-local
    name: Write the change set
    input:
      directories: \${{ steps.generate.output.directories }}
`,
  },
];
