import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/** A page of a Gantry list endpoint. */
type Page = { items: unknown[]; nextCursor?: string };

function isPage(body: unknown): body is Page {
  const page = body as Page | null;
  return (
    typeof page === 'object' &&
    page !== null &&
    Array.isArray(page.items) &&
    (page.nextCursor === undefined || typeof page.nextCursor === 'string')
  );
}

/**
 * Every item of a cursor-paginated list of another plugin, read with the search plugin's
 * own service token, one page at a time.
 */
export async function* fetchPages(
  deps: { auth: AuthService; discovery: DiscoveryService },
  request: { pluginId: string; path: string; pageSize: number },
): AsyncGenerator<unknown> {
  const { auth, discovery } = deps;
  const baseUrl = await discovery.getBaseUrl(request.pluginId);
  let cursor: string | undefined;
  do {
    // A token per page: a large collation may outlive one token.
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: request.pluginId,
    });
    const query = new URLSearchParams({ limit: String(request.pageSize) });
    if (cursor) query.set('cursor', cursor);
    const url = `${baseUrl}${request.path}?${query}`;
    const res = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) {
      throw new Error(
        `GET ${request.pluginId}${request.path} failed: ${res.status} ${res.statusText}`,
      );
    }
    const body: unknown = await res.json();
    if (!isPage(body)) {
      throw new Error(
        `GET ${request.pluginId}${request.path} answered something other than a page`,
      );
    }
    yield* body.items;
    if (body.nextCursor === cursor) break;
    cursor = body.nextCursor;
  } while (cursor);
}
