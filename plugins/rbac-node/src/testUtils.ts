/**
 * Test helpers for the plugins that read temporary grants.
 *
 * @packageDocumentation
 */

export { temporaryGrantsPlugin } from './testUtils/temporaryGrantsPlugin';
export type { TemporaryGrantsFixture } from './testUtils/temporaryGrantsPlugin';
export { sharedEventsServiceFactory } from './testUtils/sharedEventsServiceFactory';
