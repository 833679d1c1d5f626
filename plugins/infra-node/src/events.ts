/** The events-service topic on which the infra backend publishes resource changes. */
export const INFRA_EVENTS_TOPIC = 'gantry.infra';

/** The payload of an event on {@link INFRA_EVENTS_TOPIC}. */
export type InfraResourceChangedEvent = {
  resourceId: string;
  requestId: string;
  status: 'pending' | 'active' | 'destroyed';
};
