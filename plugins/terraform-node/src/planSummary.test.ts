import { InputError } from '@backstage/errors';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { summarizePlan } from './planSummary';

// shared/ sits beside the repository checkout, locally and in CI.
const fixtures = resolve(__dirname, '../../../../shared/fixtures/terraform');
const haveFixtures = existsSync(fixtures);
if (!haveFixtures) {
  // eslint-disable-next-line no-console
  console.warn(
    `Real plan fixtures not found at ${fixtures}; their tests are skipped`,
  );
}
const fixture = (name: string) =>
  JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));
const describeWithFixtures = haveFixtures ? describe : describe.skip;

describe('summarizePlan', () => {
  describeWithFixtures('on real plan documents', () => {
    it('summarises every real plan document', () => {
      const files = readdirSync(fixtures).filter(f => f.endsWith('.plan.json'));
      expect(files.length).toBeGreaterThan(5);
      for (const file of files) {
        const summary = summarizePlan(fixture(file));
        expect(summary.resources.length).toBe(
          fixture(file).resource_changes?.length ?? 0,
        );
      }
    });

    it('counts creates and reads like terraform does (basic)', () => {
      const summary = summarizePlan(fixture('basic.plan.json'));
      expect(summary).toMatchObject({
        add: 7,
        change: 0,
        destroy: 0,
        replace: 0,
        read: 1,
      });
      expect(summary.resources).toContainEqual({
        address: 'module.foo.null_resource.aliased',
        type: 'null_resource',
        name: 'aliased',
        module: 'module.foo',
        action: 'create',
      });
    });

    it('sees no changes in a no-op plan', () => {
      const summary = summarizePlan(fixture('no_changes.plan.json'));
      expect(summary).toMatchObject({ add: 0, change: 0, destroy: 0, noop: 6 });
    });

    it('keeps nested module addresses and moved resources', () => {
      expect(summarizePlan(fixture('deep_module.plan.json')).resources).toEqual(
        [
          expect.objectContaining({
            address: 'module.foo.module.bar.null_resource.baz',
            module: 'module.foo.module.bar',
            action: 'create',
          }),
        ],
      );
      expect(summarizePlan(fixture('moved_block.plan.json')).resources).toEqual(
        [
          expect.objectContaining({
            address: 'random_id.test2',
            previousAddress: 'random_id.test',
            action: 'no-op',
          }),
        ],
      );
    });

    it('never carries attribute values, sensitive or not', () => {
      const doc = fixture('110_sensitive_values.plan.json');
      const text = JSON.stringify(summarizePlan(doc));
      const summary = summarizePlan(doc);
      const allowed = [
        'address',
        'type',
        'name',
        'module',
        'action',
        'actionReason',
        'previousAddress',
      ];
      for (const resource of summary.resources) {
        expect(Object.keys(resource).filter(k => !allowed.includes(k))).toEqual(
          [],
        );
      }
      // "triggers" is an attribute of these resources, some of them sensitive.
      expect(JSON.stringify(doc)).toContain('triggers');
      expect(text).not.toContain('triggers');
      expect(text).not.toContain('"after"');
    });
  });

  it('counts a replacement as one add, one destroy and one replace', () => {
    const summary = summarizePlan({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_instance.this',
          type: 'aws_instance',
          name: 'this',
          action_reason: 'replace_because_cannot_update',
          change: { actions: ['delete', 'create'] },
        },
        {
          address: 'aws_s3_bucket.logs',
          type: 'aws_s3_bucket',
          name: 'logs',
          change: { actions: ['delete'] },
        },
      ],
    });
    expect(summary).toMatchObject({ add: 1, destroy: 2, replace: 1 });
    expect(summary.resources[0]).toMatchObject({
      action: 'replace',
      actionReason: 'replace_because_cannot_update',
    });
  });

  it('rejects what is not a plan document', () => {
    expect(() => summarizePlan({ hello: 'world' })).toThrow(InputError);
    expect(() =>
      summarizePlan({
        format_version: '1.2',
        resource_changes: [
          {
            address: 'a.b',
            type: 'a',
            name: 'b',
            change: { actions: ['explode'] },
          },
        ],
      }),
    ).toThrow(/Unknown plan actions/);
  });
});
