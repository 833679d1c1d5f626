import { mockServices } from '@backstage/backend-test-utils';
import { CatalogIndexWarmup } from './CatalogIndexWarmup';

function warmupOver(counts: number[], trigger = jest.fn(async () => {})) {
  const remaining = [...counts];
  const warmup = new CatalogIndexWarmup({
    countEntities: async () => remaining.shift() ?? counts[counts.length - 1],
    triggerIndexing: trigger,
    logger: mockServices.logger.mock(),
    settlePolls: 2,
  });
  return {
    trigger,
    async pollTimes(n: number) {
      for (let i = 0; i < n; i += 1) await warmup.poll();
    },
  };
}

describe('CatalogIndexWarmup', () => {
  it('waits for the catalog to stop growing, then indexes it once', async () => {
    const { trigger, pollTimes } = warmupOver([0, 0, 0, 1, 5, 12, 12, 12]);
    await pollTimes(7);
    expect(trigger).not.toHaveBeenCalled();
    await pollTimes(5);
    expect(trigger).toHaveBeenCalledTimes(1);
  });

  it('never indexes an empty catalog', async () => {
    const { trigger, pollTimes } = warmupOver([0]);
    await pollTimes(10);
    expect(trigger).not.toHaveBeenCalled();
  });

  it('indexes again when the catalog settles at a new size', async () => {
    const { trigger, pollTimes } = warmupOver([3, 3, 3, 3, 8, 8, 8]);
    await pollTimes(4);
    expect(trigger).toHaveBeenCalledTimes(1);
    await pollTimes(5);
    expect(trigger).toHaveBeenCalledTimes(2);
  });

  it('tries again on the next poll when the index task cannot be triggered yet', async () => {
    const trigger = jest
      .fn(async () => {})
      .mockRejectedValueOnce(new Error('Task is currently running'));
    const { pollTimes } = warmupOver([4], trigger);
    await pollTimes(3);
    expect(trigger).toHaveBeenCalledTimes(1);
    await pollTimes(1);
    expect(trigger).toHaveBeenCalledTimes(2);
    await pollTimes(3);
    expect(trigger).toHaveBeenCalledTimes(2);
  });
});
