import { mockServices } from '@backstage/backend-test-utils';
import { grantsServer } from './__testUtils__/grantsServer';
import { TemporaryGrantsReader } from './TemporaryGrantsReader';

const grant = {
  id: 'g1',
  userEntityRef: 'user:default/vera',
  target: { kind: 'role', role: 'admin' },
  expiresAt: '2026-11-29T18:00:00.000Z',
};

describe('TemporaryGrantsReader', () => {
  let server: Awaited<ReturnType<typeof grantsServer>>;
  let reader: TemporaryGrantsReader;

  beforeAll(async () => {
    server = await grantsServer();
    reader = new TemporaryGrantsReader({
      auth: mockServices.auth({ pluginId: 'permission' }),
      discovery: server.discovery,
    });
  });

  afterAll(() => server.close());

  it('reads the active grants from the access-requests plugin, as a service', async () => {
    server.answer(200, { items: [grant] });
    await expect(reader.read()).resolves.toEqual({
      installed: true,
      grants: [grant],
    });
    const last = server.seen[server.seen.length - 1];
    expect(last.url).toBe('/api/access-requests/grants/active');
    expect(last.authorization).toMatch(/^Bearer .*access-requests/);
  });

  it('takes a 404 as the plugin not being installed', async () => {
    server.answer(404, { error: { name: 'NotFoundError' } });
    await expect(reader.read()).resolves.toEqual({
      installed: false,
      grants: [],
    });
  });

  it('throws on any other failure', async () => {
    server.answer(503, { error: { name: 'ServiceUnavailableError' } });
    await expect(reader.read()).rejects.toThrow(/503/);
  });

  it.each([
    [
      'a group target that is not a group ref',
      { target: { kind: 'group', group: 'approvers' } },
    ],
    ['an expiry that is not a time', { expiresAt: 'tomorrow' }],
    ['an unknown target kind', { target: { kind: 'team', team: 'x' } }],
    ['a user that is not a user ref', { userEntityRef: 'group:default/x' }],
  ])('throws on %s', async (_, change) => {
    server.answer(200, { items: [{ ...grant, ...change }] });
    await expect(reader.read()).rejects.toThrow(
      /answered with an invalid grant list/,
    );
  });
});
