import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { PlanReviewDocument } from '@internal/plugin-infra-common';
// Test only: the documents the backend would store, from its one parser.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { parsePlanReview } from '@internal/plugin-terraform-node';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  planFixtures,
  plantSensitiveCanaries,
} from '@internal/plugin-terraform-node/testUtils';
import { PlanReviewView } from './PlanReviewView';

if (!planFixtures.present) {
  // eslint-disable-next-line no-console
  console.warn(planFixtures.skipReason);
}
const describeWithFixtures = planFixtures.present ? describe : describe.skip;

async function renderReview(review: PlanReviewDocument) {
  const { container } = await renderInTestApp(
    <PlanReviewView review={review} />,
  );
  return container;
}

// Folded rows are not in the page; open every fold so nothing escapes the checks.
function unfoldAll() {
  for (;;) {
    const folds = screen
      .queryAllByRole('button', { name: /unchanged/ })
      .filter(b => b.getAttribute('aria-expanded') === 'false');
    if (folds.length === 0) return;
    folds.forEach(b => fireEvent.click(b));
  }
}

// The attribute lines whose text contains `text`.
const attributeLines = (text: string) =>
  screen
    .queryAllByTestId('plan-attribute')
    .filter(line => line.textContent?.includes(text));

const update = (
  overrides: Partial<PlanReviewDocument> = {},
): PlanReviewDocument => ({
  version: 2,
  add: 1,
  change: 1,
  destroy: 1,
  replace: 1,
  noop: 0,
  read: 0,
  import: 1,
  move: 0,
  resources: [
    {
      address: 'aws_instance.web',
      type: 'aws_instance',
      mode: 'managed',
      action: 'update',
      importing: { id: 'i-0abc' },
      diff: {
        change: 'changed',
        before: { type: 'object' },
        after: { type: 'object' },
        children: [
          {
            key: 'ami',
            change: 'unchanged',
            before: { type: 'value', value: 'ami-1' },
            after: { type: 'value', value: 'ami-1' },
          },
          {
            key: 'instance_type',
            change: 'changed',
            before: { type: 'value', value: 't3.micro' },
            after: { type: 'value', value: 't3.small' },
          },
          {
            key: 'password',
            change: 'changed',
            before: { type: 'sensitive' },
            after: { type: 'sensitive' },
          },
          { key: 'arn', change: 'added', after: { type: 'unknown' } },
        ],
      },
    },
    {
      address: 'aws_vpc.this',
      type: 'aws_vpc',
      mode: 'managed',
      action: 'replace',
      actionReason: 'replace_because_cannot_update',
      actionReasonText: 'replaced because it cannot be updated in place',
      diff: {
        change: 'changed',
        before: { type: 'object' },
        after: { type: 'object' },
        children: [
          {
            key: 'cidr_block',
            change: 'changed',
            forcesReplacement: true,
            before: { type: 'value', value: '10.0.0.0/16' },
            after: { type: 'value', value: '10.1.0.0/16' },
          },
        ],
      },
    },
  ],
  outputs: [],
  ...overrides,
});

describe('PlanReviewView', () => {
  it('shows counts, then each change like terraform plan: destroys first, values before → after', async () => {
    await renderReview(update());
    expect(screen.getByTestId('plan-add-count')).toHaveTextContent('1 to add');
    expect(screen.getByTestId('plan-replace-count')).toHaveTextContent(
      '1 replaced',
    );
    const [first, second] = screen.getAllByTestId('plan-resource');
    expect(first).toHaveTextContent('aws_vpc.this');
    expect(within(first).getByText(/will be REPLACED/)).toBeInTheDocument();
    expect(
      within(first).getByText(
        'Why: replaced because it cannot be updated in place',
      ),
    ).toBeInTheDocument();
    const cidr = within(first)
      .getByText(/cidr_block/)
      .closest('div')!;
    expect(cidr).toHaveTextContent(
      '~ cidr_block = "10.0.0.0/16" → "10.1.0.0/16" # forces replacement',
    );
    expect(second).toHaveTextContent('aws_instance.web');
    expect(
      within(second).getByText('will be updated in place'),
    ).toBeInTheDocument();
    expect(second).toHaveTextContent('Imported from existing object i-0abc');
    expect(second).toHaveTextContent(
      '~ instance_type = "t3.micro" → "t3.small"',
    );
    expect(second).toHaveTextContent('~ password = (sensitive) → (sensitive)');
    expect(second).toHaveTextContent('+ arn = (known after apply)');
  });

  it('folds unchanged attributes behind a toggle', async () => {
    await renderReview(update());
    expect(attributeLines('ami =')).toEqual([]);
    const toggle = screen.getByRole('button', {
      name: '1 unchanged attribute',
    });
    fireEvent.click(toggle);
    expect(attributeLines('ami = "ami-1"')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Hide 1 unchanged' }));
    expect(attributeLines('ami =')).toEqual([]);
  });

  it('shows a summary stored before version 2, without diffs', async () => {
    await renderReview(
      update({
        resources: [
          {
            address: 'aws_s3_bucket.this',
            type: 'aws_s3_bucket',
            mode: 'managed',
            action: 'delete',
          },
        ],
      }),
    );
    expect(screen.getByText('will be DESTROYED')).toBeInTheDocument();
    expect(
      screen.getByText('The attribute changes of this plan were not recorded.'),
    ).toBeInTheDocument();
  });

  it('says when the plan changes nothing', async () => {
    await renderReview(
      update({ add: 0, change: 0, destroy: 0, replace: 0, resources: [] }),
    );
    expect(screen.getByText(/No changes/)).toBeInTheDocument();
  });

  describeWithFixtures('on the real plan documents', () => {
    it.each(planFixtures.present ? planFixtures.names() : [])(
      'renders %s with no value marked sensitive in the page',
      async name => {
        const { plan, canaries } = plantSensitiveCanaries(
          planFixtures.read(name),
        );
        const review = parsePlanReview(plan);
        const container = await renderReview(review);
        unfoldAll();
        const text = container.textContent!;
        for (const canary of canaries) expect(text).not.toContain(canary);
        const changed = review.resources.filter(
          r => r.action !== 'no-op' || r.previousAddress,
        );
        for (const r of changed) {
          expect(screen.getAllByText(r.address).length).toBeGreaterThan(0);
        }
      },
    );

    it('shows the sensitive output of 110_sensitive_values as (sensitive)', async () => {
      const doc = planFixtures.read('110_sensitive_values.plan.json') as any;
      await renderReview(parsePlanReview(doc));
      const outputs = screen.getAllByTestId('plan-output');
      const foo = outputs.find(o => within(o).queryByText('foo'))!;
      expect(foo).toHaveTextContent('+ (sensitive)');
      expect(foo).not.toHaveTextContent(doc.output_changes.foo.after);
      const string = outputs.find(o => within(o).queryByText('string'))!;
      expect(string).toHaveTextContent('+ "foo"');
    });

    it('shows moves, data-source reads and unknown values', async () => {
      await renderReview(
        parsePlanReview(planFixtures.read('moved_block.plan.json')),
      );
      expect(screen.getByText('random_id.test2')).toBeInTheDocument();
      expect(screen.getByText('random_id.test')).toBeInTheDocument();
      expect(screen.getByTestId('plan-resource')).toHaveTextContent(
        'Moved from random_id.test',
      );
      fireEvent.click(
        screen.getByRole('button', { name: '8 unchanged attributes' }),
      );
      expect(attributeLines('byte_length = 10')).toHaveLength(1);
    });

    it('marks a data source read and what is known only after apply', async () => {
      await renderReview(parsePlanReview(planFixtures.read('basic.plan.json')));
      const read = screen
        .getByText('data.null_data_source.baz')
        .closest('[data-testid="plan-resource"]')!;
      expect(read).toHaveTextContent('data source will be read');
      expect(read).toHaveTextContent('+ id = (known after apply)');
    });
  });
});
