import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';
import { startFakePluginApis } from '../__testUtils__/fakePluginApis';
import { ConditionApplier } from './ConditionApplier';

type Item = { id: string; conditions: { rule: string } };

const decision = (
  pluginId: string,
  rule: string,
  resourceType = `${pluginId}-thing`,
): ConditionalPolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId,
  resourceType,
  conditions: { rule, resourceType, params: {} },
});

describe('ConditionApplier', () => {
  let apis: Awaited<ReturnType<typeof startFakePluginApis>>;

  beforeAll(async () => {
    // Each plugin allows the rule YES on any resource and denies everything else.
    apis = await startFakePluginApis(request => {
      if (request.pluginId === 'down') {
        return {
          status: 500,
          json: { error: { name: 'Error', message: 'x' } },
        };
      }
      const { items } = request.body as { items: Item[] };
      return {
        status: 200,
        json: {
          items: items.map(item => ({
            id: item.id,
            result:
              item.conditions.rule === 'YES'
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
        },
      };
    });
  });
  afterAll(() => apis.close());

  const applier = () =>
    new ConditionApplier({
      auth: mockServices.auth({ pluginId: 'rbac' }),
      discovery: apis.discovery,
    });

  it('asks each distinct condition once, of the plugin that owns it, in batches', async () => {
    apis.received.length = 0;
    const many = Array.from({ length: 120 }, (_, i) => decision('a', `R${i}`));
    const results = await applier().apply('thing-1', [
      decision('a', 'YES'),
      decision('a', 'NO'),
      decision('a', 'YES'),
      decision('b', 'YES'),
      ...many,
    ]);
    expect(results.slice(0, 4)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
      AuthorizeResult.ALLOW,
      AuthorizeResult.ALLOW,
    ]);
    expect(results.slice(4).every(r => r === AuthorizeResult.DENY)).toBe(true);

    // a: 2 + 120 distinct conditions in batches of 50; b: 1
    const sizes = apis.received.map(r => [
      r.pluginId,
      (r.body as { items: Item[] }).items.length,
    ]);
    expect(sizes).toEqual([
      ['a', 50],
      ['a', 50],
      ['a', 22],
      ['b', 1],
    ]);
    expect(apis.received[0]).toMatchObject({
      method: 'POST',
      path: '/.well-known/backstage/permissions/apply-conditions',
      body: {
        items: expect.arrayContaining([
          {
            id: '0',
            resourceRef: 'thing-1',
            resourceType: 'a-thing',
            conditions: { rule: 'YES', resourceType: 'a-thing', params: {} },
          },
        ]),
      },
    });
  });

  it('asks nothing when there is nothing conditional', async () => {
    apis.received.length = 0;
    expect(await applier().apply('thing-1', [])).toEqual([]);
    expect(apis.received).toEqual([]);
  });

  it('reports a plugin that cannot answer as unavailable, naming it', async () => {
    await expect(
      applier().apply('thing-1', [decision('down', 'YES')]),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('Plugin down could not apply'),
    });
  });
});
