import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AuditTimelineCard } from '@internal/plugin-api-react';
import { auditApiRef } from '../../api/AuditApi';

/** Entries per page of the card. */
export const ACTIVITY_PAGE_SIZE = 10;

/**
 * The entity's activity from the audit trail, newest first, for its owners and admins.
 * Anyone else sees no card: the backend refuses them, and a refusal hides it.
 */
export const EntityAuditActivityCard = () => {
  const api = useApi(auditApiRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <AuditTimelineCard
      title="Activity"
      subheader="From the audit trail; shown to owners and admins"
      loadKey={entityRef}
      load={cursor =>
        api.getActivity(entityRef, { cursor, limit: ACTIVITY_PAGE_SIZE })
      }
      hideWhenDenied
      emptyText="Nothing recorded about this entity yet."
    />
  );
};
