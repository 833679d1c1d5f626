import { InputError } from '@backstage/errors';
import {
  PlanDiffNode,
  PlanReviewDocument,
  planReviewDocumentSchema,
} from '@internal/plugin-infra-common';
import { parsePlanReview } from './planReview';
import { planFixtures, plantSensitiveCanaries } from './testUtils';

if (!planFixtures.present) {
  // eslint-disable-next-line no-console
  console.warn(planFixtures.skipReason);
}
const describeWithFixtures = planFixtures.present ? describe : describe.skip;
const fixture = (name: string) => planFixtures.read(name) as any;

const resource = (review: PlanReviewDocument, address: string) =>
  review.resources.find(r => r.address === address)!;
const child = (node: PlanDiffNode | undefined, key: string | number) =>
  node?.children?.find(c => c.key === key);

describe('parsePlanReview', () => {
  describeWithFixtures('on the real plan documents', () => {
    it('parses every fixture into a valid version 2 document with every change', () => {
      const names = planFixtures.names();
      expect(names.length).toBeGreaterThan(5);
      for (const name of names) {
        const doc = fixture(name);
        const review = parsePlanReview(doc);
        expect(planReviewDocumentSchema.parse(review)).toEqual(review);
        expect(review.version).toBe(2);
        expect(review.resources).toHaveLength(
          doc.resource_changes?.length ?? 0,
        );
        for (const r of review.resources) expect(r.diff).toBeDefined();
      }
    });

    it('never lets a value marked sensitive into the document (canaries, every fixture)', () => {
      let planted = 0;
      for (const name of planFixtures.names()) {
        const { plan, canaries } = plantSensitiveCanaries(fixture(name));
        planted += canaries.length;
        const text = JSON.stringify(parsePlanReview(plan));
        for (const canary of canaries) expect(text).not.toContain(canary);
      }
      // The sensitive fixture marks its output "foo" and nothing in clear elsewhere.
      expect(planted).toBeGreaterThan(0);
    });

    it('masks the sensitive output of 110_sensitive_values and keeps its clear value out', () => {
      const doc = fixture('110_sensitive_values.plan.json');
      const clear = doc.output_changes.foo.after;
      expect(doc.output_changes.foo.after_sensitive).toBe(true);
      const review = parsePlanReview(doc);
      const foo = review.outputs.find(o => o.name === 'foo')!;
      expect(foo).toEqual({
        name: 'foo',
        action: 'create',
        diff: { change: 'added', after: { type: 'sensitive' } },
      });
      expect(JSON.stringify(foo)).not.toContain(clear);
      // Not sensitive: shown in clear.
      expect(review.outputs.find(o => o.name === 'string')!.diff.after).toEqual(
        { type: 'value', value: 'foo' },
      );
    });

    it('counts creates and data-source reads like terraform (basic)', () => {
      const review = parsePlanReview(fixture('basic.plan.json'));
      expect(review).toMatchObject({
        add: 7,
        change: 0,
        destroy: 0,
        replace: 0,
        read: 1,
        noop: 0,
      });
      const read = resource(review, 'data.null_data_source.baz');
      expect(read).toMatchObject({ mode: 'data', action: 'read' });
      // Known after apply, nested ones included.
      expect(child(read.diff, 'id')).toEqual({
        key: 'id',
        change: 'added',
        after: { type: 'unknown' },
      });
      expect(child(child(read.diff, 'inputs'), 'bar_id')!.after).toEqual({
        type: 'unknown',
      });
      expect(
        resource(review, 'module.foo.null_resource.aliased'),
      ).toMatchObject({ moduleAddress: 'module.foo', action: 'create' });
      expect(review.outputs.map(o => o.name)).toContain('map');
      const map = review.outputs.find(o => o.name === 'map')!.diff;
      expect(child(map, 'number')!.after).toEqual({ type: 'value', value: 42 });
    });

    it('sees no changes to resources in a no-op plan', () => {
      const review = parsePlanReview(fixture('no_changes.plan.json'));
      expect(review).toMatchObject({ add: 0, change: 0, destroy: 0, noop: 6 });
      for (const r of review.resources) {
        expect(r.action).toBe('no-op');
        expect(r.diff!.change).toBe('unchanged');
      }
    });

    it('keeps nested module addresses and moved resources', () => {
      const deep = parsePlanReview(fixture('deep_module.plan.json'));
      expect(deep.resources[0]).toMatchObject({
        address: 'module.foo.module.bar.null_resource.baz',
        moduleAddress: 'module.foo.module.bar',
        action: 'create',
      });
      const moved = parsePlanReview(fixture('moved_block.plan.json'));
      expect(moved.move).toBe(1);
      expect(moved.resources[0]).toMatchObject({
        address: 'random_id.test2',
        previousAddress: 'random_id.test',
        action: 'no-op',
      });
      const diff = moved.resources[0].diff!;
      expect(diff.change).toBe('unchanged');
      expect(child(diff, 'byte_length')).toEqual({
        key: 'byte_length',
        change: 'unchanged',
        before: { type: 'value', value: 10 },
        after: { type: 'value', value: 10 },
      });
    });

    it('shows an explicit null as a value, and nested maps as children', () => {
      const review = parsePlanReview(fixture('explicit_null.plan.json'));
      expect(
        child(resource(review, 'null_resource.foo').diff, 'triggers'),
      ).toEqual({
        key: 'triggers',
        change: 'added',
        after: { type: 'value', value: null },
      });
      expect(
        child(resource(review, 'null_resource.bar').diff, 'triggers'),
      ).toEqual({
        key: 'triggers',
        change: 'added',
        after: { type: 'object' },
        children: [
          {
            key: 'foo',
            change: 'added',
            after: { type: 'value', value: 'two' },
          },
        ],
      });
    });
  });

  it('diffs an in-place update: changed, unchanged, nested, sensitive and unknown attributes', () => {
    const review = parsePlanReview({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_instance.this',
          mode: 'managed',
          type: 'aws_instance',
          name: 'this',
          change: {
            actions: ['update'],
            before: {
              instance_type: 't3.micro',
              ami: 'ami-1',
              tags: { team: 'payments', env: 'dev' },
              user_data: 'hunter2-before',
              ports: [80, 443],
              arn: 'arn:1',
            },
            after: {
              instance_type: 't3.small',
              ami: 'ami-1',
              tags: { team: 'payments', owner: 'ada' },
              user_data: 'hunter2-after',
              ports: [80, 'opaque-secret-port'],
            },
            after_unknown: { arn: true, ports: [false, false] },
            before_sensitive: { user_data: true, ports: [] },
            after_sensitive: { user_data: true, ports: [false, true] },
          },
        },
      ],
    });
    expect(review.change).toBe(1);
    const diff = review.resources[0].diff!;
    expect(diff.change).toBe('changed');
    expect(child(diff, 'instance_type')).toEqual({
      key: 'instance_type',
      change: 'changed',
      before: { type: 'value', value: 't3.micro' },
      after: { type: 'value', value: 't3.small' },
    });
    expect(child(diff, 'ami')!.change).toBe('unchanged');
    const tags = child(diff, 'tags')!;
    expect(tags.change).toBe('changed');
    expect(tags.children!.map(c => [c.key, c.change])).toEqual([
      ['env', 'removed'],
      ['owner', 'added'],
      ['team', 'unchanged'],
    ]);
    expect(child(diff, 'user_data')).toEqual({
      key: 'user_data',
      change: 'changed',
      before: { type: 'sensitive' },
      after: { type: 'sensitive' },
    });
    expect(child(child(diff, 'ports'), 1)).toEqual({
      key: 1,
      change: 'changed',
      before: { type: 'value', value: 443 },
      after: { type: 'sensitive' },
    });
    expect(child(diff, 'arn')).toMatchObject({
      change: 'changed',
      after: { type: 'unknown' },
    });
    const text = JSON.stringify(review);
    for (const secret of ['hunter2', 'opaque-secret-port']) {
      expect(text).not.toContain(secret);
    }
  });

  it('says an unchanged sensitive value is unchanged, without showing it', () => {
    const review = parsePlanReview({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'x.y',
          type: 'x',
          name: 'y',
          change: {
            actions: ['no-op'],
            before: { password: 'same-secret' },
            after: { password: 'same-secret' },
            before_sensitive: true,
            after_sensitive: true,
          },
        },
      ],
    });
    expect(review.resources[0].diff).toEqual({
      change: 'unchanged',
      before: { type: 'sensitive' },
      after: { type: 'sensitive' },
    });
  });

  it('marks the attributes that force a replacement and says why in words', () => {
    const review = parsePlanReview({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_vpc.this',
          type: 'aws_vpc',
          name: 'this',
          action_reason: 'replace_because_cannot_update',
          change: {
            actions: ['delete', 'create'],
            before: { cidr_block: '10.0.0.0/16', id: 'vpc-1' },
            after: { cidr_block: '10.1.0.0/16' },
            after_unknown: { id: true },
            replace_paths: [['cidr_block']],
          },
        },
        {
          address: 'aws_s3_bucket.logs',
          type: 'aws_s3_bucket',
          name: 'logs',
          action_reason: 'replace_because_tainted',
          change: {
            actions: ['create', 'delete'],
            before: { bucket: 'logs' },
            after: { bucket: 'logs' },
          },
        },
        {
          address: 'aws_s3_bucket.old',
          type: 'aws_s3_bucket',
          name: 'old',
          change: {
            actions: ['delete'],
            before: { bucket: 'old' },
            after: null,
          },
        },
        {
          address: 'aws_s3_bucket.found',
          type: 'aws_s3_bucket',
          name: 'found',
          change: {
            actions: ['no-op'],
            before: { bucket: 'found' },
            after: { bucket: 'found' },
            importing: { id: 'found' },
          },
        },
      ],
    });
    expect(review).toMatchObject({
      add: 2,
      destroy: 3,
      replace: 2,
      import: 1,
    });
    const [vpc, bucket, old, found] = review.resources;
    expect(vpc).toMatchObject({
      action: 'replace',
      actionReason: 'replace_because_cannot_update',
      actionReasonText: 'replaced because it cannot be updated in place',
    });
    expect(child(vpc.diff, 'cidr_block')).toMatchObject({
      change: 'changed',
      forcesReplacement: true,
    });
    expect(child(vpc.diff, 'id')!.forcesReplacement).toBeUndefined();
    expect(bucket.actionReasonText).toBe('replaced because it is tainted');
    expect(old.diff).toMatchObject({
      change: 'removed',
      before: { type: 'object' },
      children: [{ key: 'bucket', change: 'removed' }],
    });
    expect(old.diff!.after).toBeUndefined();
    expect(found.importing).toEqual({ id: 'found' });
  });

  it('rejects what is not a plan document, naming what is wrong', () => {
    expect(() => parsePlanReview({ hello: 'world' })).toThrow(InputError);
    expect(() => parsePlanReview({ hello: 'world' })).toThrow(
      /^Not a Terraform plan document: format_version: /,
    );
    expect(() =>
      parsePlanReview({
        format_version: '1.2',
        resource_changes: [{ address: 'a.b', type: 'a', change: {} }],
      }),
    ).toThrow(/resource_changes\.0\.change\.actions/);
    expect(() =>
      parsePlanReview({
        format_version: '1.2',
        resource_changes: [
          { address: 'a.b', type: 'a', change: { actions: ['explode'] } },
        ],
      }),
    ).toThrow(/Unknown plan actions: explode/);
  });
});
