import { createApiRef } from '@backstage/core-plugin-api';
import {
  CreateAccessRequestsItem,
  AccessRequestsItem,
  AccessRequestsItemPage,
} from '@internal/plugin-access-requests-common';

/** The access-requests backend, as the frontend sees it. */
export interface AccessRequestsApi {
  listItems(options?: { limit?: number; cursor?: string }): Promise<AccessRequestsItemPage>;
  createItem(item: CreateAccessRequestsItem): Promise<AccessRequestsItem>;
  /** Asks to publish a draft; it is published once its approval is approved. */
  requestPublish(id: string): Promise<AccessRequestsItem>;
}

/** Ref of the {@link AccessRequestsApi}. */
export const accessRequestsApiRef = createApiRef<AccessRequestsApi>({
  id: 'plugin.access-requests.service',
});
