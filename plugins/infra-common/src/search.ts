/**
 * The search type of infrastructure requests: what the Gantry search module indexes them
 * under, and what the search page filters on.
 */
export const INFRA_REQUEST_SEARCH_TYPE = 'infra-request';
