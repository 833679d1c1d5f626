/**
 * A plugin API mock for a page that shows an audit timeline, for a test about something
 * else: an empty timeline unless `api` brings its own `getRequestAudit` (a real client does).
 */
export function withEmptyAuditTimeline(api: object): object {
  return 'getRequestAudit' in api
    ? api
    : { getRequestAudit: async () => ({ items: [] }), ...api };
}
