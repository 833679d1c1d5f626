import { RbacClient } from './RbacClient';

function clientWith(response: Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
    response.clone(),
  );
  const getBaseUrl = jest.fn(
    async (_pluginId: string) => 'http://backend/api/rbac',
  );
  const client = new RbacClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch, getBaseUrl };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('RbacClient', () => {
  it('reads the roles from the rbac plugin and unwraps them', async () => {
    const { client, fetch, getBaseUrl } = clientWith(
      json({ roles: [{ name: 'admin' }] }),
    );
    expect(await client.getRoles()).toEqual([{ name: 'admin' }]);
    expect(getBaseUrl).toHaveBeenCalledWith('rbac');
    expect(fetch.mock.calls[0][0]).toBe('http://backend/api/rbac/roles');
  });

  it('reads the permissions and unwraps them', async () => {
    const { client, fetch } = clientWith(
      json({ permissions: [{ name: 'catalog.entity.read' }] }),
    );
    expect(await client.getPermissions()).toEqual([
      { name: 'catalog.entity.read' },
    ]);
    expect(fetch.mock.calls[0][0]).toBe('http://backend/api/rbac/permissions');
  });

  it("asks for a user's access with the ref encoded", async () => {
    const { client, fetch } = clientWith(json({ userRef: 'user:default/dev' }));
    await client.getUserAccess('user:default/dev');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/rbac/access/user?userRef=user%3Adefault%2Fdev',
    );
  });

  it('asks who can, with the resource and all only when given', async () => {
    const { client, fetch } = clientWith(json({ users: [] }));
    await client.getWhoCan({ permission: 'catalog.entity.read' });
    await client.getWhoCan({
      permission: 'infra.request.read',
      resourceRef: 'req-1',
      all: true,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/rbac/access/who?permission=catalog.entity.read',
    );
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backend/api/rbac/access/who?permission=infra.request.read&resourceRef=req-1&all=true',
    );
  });

  it('asks for a page of the matrix with a repeated permission parameter', async () => {
    const { client, fetch } = clientWith(
      json({ permissions: [], rows: [], totalUsers: 0 }),
    );
    await client.getMatrix({
      permissions: ['catalog.entity.read', 'infra.request.read'],
      q: 'dev',
      role: 'developer',
      offset: 0,
      limit: 50,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/rbac/matrix?permission=catalog.entity.read&permission=infra.request.read&q=dev&role=developer&offset=0&limit=50',
    );
  });

  it('leaves out the matrix filters that are not set', async () => {
    const { client, fetch } = clientWith(
      json({ permissions: [], rows: [], totalUsers: 0 }),
    );
    await client.getMatrix({ permissions: [], q: '', offset: 100, limit: 25 });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/rbac/matrix?offset=100&limit=25',
    );
  });

  it('downloads the matrix as CSV with the same filters', async () => {
    const { client, fetch } = clientWith(
      new Response('user\nuser:default/dev\n', {
        status: 200,
        headers: { 'Content-Type': 'text/csv' },
      }),
    );
    const blob = await client.exportMatrixCsv({
      permissions: ['catalog.entity.read'],
      q: 'dev',
      role: 'developer',
    });
    expect(blob.size).toBeGreaterThan(0);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      'http://backend/api/rbac/matrix?permission=catalog.entity.read&q=dev&role=developer&format=csv',
    );
    expect(init?.method).toBe('GET');
  });

  it('asks which roles grant a permission', async () => {
    const { client, fetch } = clientWith(
      json({ permission: 'scaffolder.task.create', roles: [] }),
    );
    await client.getRequiredRoles('scaffolder.task.create');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/rbac/required-roles?permission=scaffolder.task.create',
    );
  });

  it('throws a 403 for a non-admin as a NotAllowedError', async () => {
    const { client } = clientWith(
      json(
        {
          error: { name: 'NotAllowedError', message: 'Admins only' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client.getRoles().catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'NotAllowedError',
      message: 'You are not allowed to do this: Admins only',
    });
  });
});
