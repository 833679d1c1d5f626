/**
 * Where an item stands: a draft, waiting for the approval to publish it, or published.
 * A rejected, expired or cancelled approval puts it back to draft.
 */
export type AccessRequestsItemStatus = 'draft' | 'awaiting-approval' | 'published';

/** An item, as the API returns it. */
export type AccessRequestsItem = {
  id: string;
  title: string;
  description?: string;
  status: AccessRequestsItemStatus;
  /** The user who created it, as an entity ref. */
  createdBy: string;
  createdAt: string;
  /** The approval request that publishes it, once one was opened. */
  approvalId?: string;
};

/** A page of items, newest first. */
export type AccessRequestsItemPage = {
  items: AccessRequestsItem[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
};

/** The `kind` of the approval requests this plugin opens to publish an item. */
export const accessRequestsItemApprovalKind = 'access-requests-item-publish';
