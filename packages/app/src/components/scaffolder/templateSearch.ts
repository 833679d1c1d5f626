import { Entity } from '@backstage/catalog-model';
import type { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';

/**
 * Whether an entity is a template the scaffolder can run. scaffolder-common's own
 * `isTemplateEntityV1beta3` sits in the module that compiles the template schema when it
 * loads, which would put that work on the first page of every session.
 */
export function isTemplate(entity: Entity): entity is TemplateEntityV1beta3 {
  return (
    entity.apiVersion === 'scaffolder.backstage.io/v1beta3' &&
    entity.kind.toLocaleLowerCase('en-US') === 'template'
  );
}

/** The name a template is shown and sorted by. */
export function templateTitle(template: TemplateEntityV1beta3): string {
  return template.metadata.title ?? template.metadata.name;
}

/**
 * Whether a template matches what the user typed: every word of it appears in the title,
 * name, description, type, tags or owner, in any case.
 */
export function matchesSearch(
  template: TemplateEntityV1beta3,
  query: string,
): boolean {
  const words = query.toLocaleLowerCase('en-US').split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [
    template.metadata.title,
    template.metadata.name,
    template.metadata.description,
    template.spec.type,
    template.spec.owner,
    ...(template.metadata.tags ?? []),
  ]
    .filter(Boolean)
    .join(' ')
    .toLocaleLowerCase('en-US');
  return words.every(word => text.includes(word));
}
