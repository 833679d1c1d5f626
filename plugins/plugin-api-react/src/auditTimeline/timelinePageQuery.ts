/** A page of an audit timeline, as the backends take it. */
export type TimelinePage = { cursor?: string; limit?: number };

/** The query string of a timeline page: `cursor` and `limit` when given. */
export function timelinePageQuery(page: TimelinePage = {}): URLSearchParams {
  const query = new URLSearchParams();
  if (page.cursor) query.set('cursor', page.cursor);
  if (page.limit !== undefined) query.set('limit', String(page.limit));
  return query;
}
