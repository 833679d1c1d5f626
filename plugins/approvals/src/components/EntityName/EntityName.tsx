import { EntityRefLink } from '@backstage/plugin-catalog-react';

// Users and groups are catalog entities; other actors, e.g. `plugin:scaffolder`, are not.
const catalogRef = /^(user|group):([a-z0-9._-]+\/)?[a-z0-9._-]+$/i;

/** Whether `ref` names a user or group in the catalog. */
export const isCatalogRef = (ref: string) => catalogRef.test(ref);

/**
 * A user or group by its display name, linked to its catalog page; any other actor as
 * written.
 */
export const EntityName = ({ entityRef }: { entityRef: string }) =>
  isCatalogRef(entityRef) ? (
    <EntityRefLink entityRef={entityRef} hideIcon />
  ) : (
    <>{entityRef}</>
  );

/** Several users or groups, comma-separated, each as {@link EntityName}. */
export const EntityNames = ({ entityRefs }: { entityRefs: string[] }) => (
  <>
    {entityRefs.length === 0
      ? '—'
      : entityRefs.map((ref, i) => (
          <span key={ref}>
            {i > 0 && ', '}
            <EntityName entityRef={ref} />
          </span>
        ))}
  </>
);
