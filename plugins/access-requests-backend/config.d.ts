export interface Config {
  'access-requests'?: {
    /**
     * Groups whose members approve publishing an item, as entity refs.
     * Defaults to `group:default/approvers`.
     */
    approverGroups?: string[];
  };
}
