import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/** How many entities the catalog serves, read with the search plugin's service token. */
export async function countCatalogEntities(deps: {
  auth: AuthService;
  discovery: DiscoveryService;
}): Promise<number> {
  const { auth, discovery } = deps;
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await auth.getOwnServiceCredentials(),
    targetPluginId: 'catalog',
  });
  const baseUrl = await discovery.getBaseUrl('catalog');
  const res = await fetch(
    `${baseUrl}/entities/by-query?limit=1&fields=metadata.uid`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (!res.ok) {
    throw new Error(`Catalog answered ${res.status} ${res.statusText}`);
  }
  const body = (await res.json()) as { totalItems?: unknown };
  return typeof body.totalItems === 'number' ? body.totalItems : 0;
}
