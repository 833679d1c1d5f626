import { Entity } from '@backstage/catalog-model';
import { sampleEntities } from '@internal/plugin-api-react/testUtils';

const person = (name: string, displayName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name },
  spec: { profile: { displayName } },
});

const team = (name: string, displayName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', profile: { displayName } },
});

/** The people and groups the fixtures name, as the catalog would present them. */
export const orgEntities: Entity[] = [
  ...sampleEntities,
  person('linus', 'Linus Lead'),
  person('vera', 'Vera Viewer'),
  team('developers', 'Developers'),
  team('engineering', 'Engineering'),
];
