import { mockServices } from '@backstage/backend-test-utils';
import { EventsServiceSubscribeOptions } from '@backstage/plugin-events-node';
import { APPROVALS_EVENTS_TOPIC } from '@internal/plugin-approvals-node';
import { INFRA_EVENTS_TOPIC } from '@internal/plugin-infra-node';
import { indexTaskId } from '../indexTaskId';
import { reindexOnEvents } from './reindexOnEvents';

describe('reindexOnEvents', () => {
  async function subscribe(triggerTask: jest.Mock) {
    let subscription: EventsServiceSubscribeOptions | undefined;
    const events = mockServices.events.mock({
      subscribe: async options => {
        subscription = options;
      },
    });
    const scheduler = mockServices.scheduler.mock({ triggerTask });
    const logger = mockServices.logger.mock();
    await reindexOnEvents({
      events,
      scheduler,
      logger,
      types: ['infra-request', 'approval-request'],
      debounceMs: 50,
    });
    return { subscription: subscription!, logger };
  }

  const event = (topic: string) => ({ topic, eventPayload: {} });

  it('names the tasks as the search backend schedules the collators', () => {
    expect(indexTaskId('infra-request')).toBe('search_index_infra_request');
    expect(indexTaskId('software-catalog')).toBe(
      'search_index_software_catalog',
    );
  });

  it('indexes both request types again once after a burst of approval and infra events', async () => {
    const triggerTask = jest.fn().mockResolvedValue(undefined);
    const { subscription } = await subscribe(triggerTask);
    expect(subscription.topics).toEqual([
      APPROVALS_EVENTS_TOPIC,
      INFRA_EVENTS_TOPIC,
    ]);

    await subscription.onEvent(event(APPROVALS_EVENTS_TOPIC));
    await subscription.onEvent(event(INFRA_EVENTS_TOPIC));
    await subscription.onEvent(event(APPROVALS_EVENTS_TOPIC));
    expect(triggerTask).not.toHaveBeenCalled();
    await new Promise(r => setTimeout(r, 120));
    expect(triggerTask.mock.calls).toEqual([
      ['search_index_infra_request'],
      ['search_index_approval_request'],
    ]);

    await subscription.onEvent(event(APPROVALS_EVENTS_TOPIC));
    await new Promise(r => setTimeout(r, 120));
    expect(triggerTask).toHaveBeenCalledTimes(4);
  });

  it('goes on when a trigger is refused, for instance while the task runs', async () => {
    const triggerTask = jest
      .fn()
      .mockRejectedValueOnce(new Error('task is running'))
      .mockResolvedValue(undefined);
    const { subscription, logger } = await subscribe(triggerTask);
    await subscription.onEvent(event(INFRA_EVENTS_TOPIC));
    await new Promise(r => setTimeout(r, 120));
    expect(triggerTask).toHaveBeenCalledTimes(2);
    expect(logger.debug).toHaveBeenCalledWith(
      'Did not index infra-request again now: Error: task is running',
    );
  });
});
