import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  defaultEntityPresentation,
  EntityPresentationApi,
} from '@backstage/plugin-catalog-react';

/** The sample org's people and teams, as the catalog holds them; for component tests. */
export const sampleEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'dev' },
    spec: { profile: { displayName: 'Dana Developer' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alan' },
    spec: { profile: { displayName: 'Alan Approver' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'approvers' },
    spec: { type: 'team', profile: { displayName: 'Approvers' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-payments' },
    spec: { type: 'team', profile: { displayName: 'Team Payments' } },
  },
];

/**
 * An entity presentation API over `entities` for component tests, presenting each as the
 * app's catalog presentation does: by display name, and unknown refs as refs.
 */
export function mockEntityPresentationApi(
  entities: Entity[] = sampleEntities,
): EntityPresentationApi {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  return {
    forEntity(entityOrRef, context) {
      const ref =
        typeof entityOrRef === 'string'
          ? entityOrRef
          : stringifyEntityRef(entityOrRef);
      const snapshot = defaultEntityPresentation(
        byRef.get(ref.toLocaleLowerCase('en-US')) ?? entityOrRef,
        context,
      );
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
}
