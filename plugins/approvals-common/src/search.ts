/**
 * The search type of approval requests: what the Gantry search module indexes them under,
 * and what the search page filters on.
 */
export const APPROVAL_REQUEST_SEARCH_TYPE = 'approval-request';
