import {
  AccessRequestsItem,
  AccessRequestsItemPage,
} from '@internal/plugin-access-requests-common';

/** A new item, with the user who creates it. */
export type NewItem = {
  title: string;
  description?: string;
  createdBy: string;
};

/** Where the access-requests plugin keeps its items. */
export interface ItemsStore {
  create(item: NewItem): Promise<AccessRequestsItem>;
  get(id: string): Promise<AccessRequestsItem | undefined>;
  /** Newest first, a page at a time. */
  list(options: { limit: number; cursor?: string }): Promise<AccessRequestsItemPage>;
  /**
   * Moves a draft to `awaiting-approval` (compare-and-set, so only one caller wins).
   * Returns the item, or undefined when it was not a draft.
   */
  claimForApproval(id: string): Promise<AccessRequestsItem | undefined>;
  /** Records the approval opened for a claimed item. */
  linkApproval(id: string, approvalId: string): Promise<void>;
  /** Undoes a claim whose approval could not be opened. */
  releaseClaim(id: string): Promise<void>;
  /** Puts the item an approval covers back to draft, after a rejection, expiry or cancel. */
  backToDraft(approvalId: string): Promise<AccessRequestsItem | undefined>;
  /** Publishes the item the approval covers; false when it was not waiting for it. */
  publish(approvalId: string): Promise<AccessRequestsItem | undefined>;
}
