import type { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';

/** A group of templates on the Create page. */
export type TemplateGroup = {
  title: string;
  filter: (template: TemplateEntityV1beta3) => boolean;
};

/**
 * How the Create page groups templates: infrastructure requests first, then templates that
 * create software, then samples (registered only in development, see app-config.yaml).
 */
export const templateGroups: TemplateGroup[] = [
  {
    title: 'Request infrastructure',
    filter: template => template.spec.type === 'infrastructure',
  },
  {
    title: 'Create a component',
    filter: template =>
      !['infrastructure', 'sample'].includes(template.spec.type),
  },
  {
    title: 'Samples (development only)',
    filter: template => template.spec.type === 'sample',
  },
];

/** The Create page's header: what users do here. */
export const createPageHeader = {
  title: 'Request infrastructure or create a component',
  subtitle:
    'Pick a template: infrastructure requests are planned with Terraform and approved before anything is created.',
  pageTitleOverride: 'Create',
};
