import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';

/**
 * The events service as a backend process has it: one in-process bus shared by every plugin.
 * The test backend's default mock gives each plugin a bus of its own, so one plugin's publish
 * would never reach another's subscription.
 */
export function sharedEventsServiceFactory() {
  return createServiceFactory({
    service: eventsServiceRef,
    deps: {
      pluginMetadata: coreServices.pluginMetadata,
      rootLogger: coreServices.rootLogger,
    },
    createRootContext: ({ rootLogger }) =>
      DefaultEventsService.create({ logger: rootLogger, useEventBus: 'never' }),
    factory: ({ pluginMetadata }, events) =>
      events.forPlugin(pluginMetadata.getId()),
  });
}
