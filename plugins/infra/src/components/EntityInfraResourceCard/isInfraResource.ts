import { Entity } from '@backstage/catalog-model';
import { INFRA_ANNOTATIONS } from '@internal/plugin-infra-common';

/** Is this catalog entity a resource that Gantry provisioned (it carries the resource id)? */
export const isInfraResource = (entity: Entity): boolean =>
  Boolean(entity.metadata.annotations?.[INFRA_ANNOTATIONS.RESOURCE_ID]);
