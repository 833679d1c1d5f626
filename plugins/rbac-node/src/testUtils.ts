/**
 * Test helpers for the plugins that read temporary grants or the catalog's groups.
 *
 * @packageDocumentation
 */

export { temporaryGrantsPlugin } from './testUtils/temporaryGrantsPlugin';
export type { TemporaryGrantsFixture } from './testUtils/temporaryGrantsPlugin';
export { sharedEventsServiceFactory } from './testUtils/sharedEventsServiceFactory';
export { changingCatalog } from './testUtils/changingCatalog';
export type { ChangingCatalog } from './testUtils/changingCatalog';
