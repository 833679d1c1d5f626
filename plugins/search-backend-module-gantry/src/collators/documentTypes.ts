import { IndexableDocument } from '@backstage/plugin-search-common';

/** An infrastructure request as search indexes it. */
export interface InfraRequestDocument extends IndexableDocument {
  authorization: { resourceRef: string };
  kind: string;
  operation: string;
  environment: string;
  status: string;
  /** The status as every Gantry page words it. */
  statusLabel: string;
  ownerRef: string;
  requesterRef: string;
  createdAt: string;
}

/** An approval request as search indexes it. */
export interface ApprovalRequestDocument extends IndexableDocument {
  authorization: { resourceRef: string };
  kind: string;
  status: string;
  /** The status as every Gantry page words it. */
  statusLabel: string;
  requesterRef: string;
  createdAt: string;
}
