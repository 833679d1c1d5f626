import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown for `gantry:kit:write-local` on the scaffolder's installed-actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'Writes the rendered plugin family into gantryKit.localOutputDir and shows its diff',
    example: `steps:
  - id: generate
    action: gantry:kit:generate
    name: Render the plugin kit
    input:
      pluginId: widgets
  - id: write-local
    action: gantry:kit:write-local
    name: Write the change set
    input:
      directories: \${{ steps.generate.output.directories }}
output:
  text:
    - title: Change set
      content: \${{ steps['write-local'].output.markdown }}
`,
  },
];
