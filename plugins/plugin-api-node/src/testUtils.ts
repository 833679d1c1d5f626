/**
 * Test helpers shared by the Gantry backend plugins.
 *
 * @packageDocumentation
 */

export { createTestDatabases } from './testUtils/createTestDatabases';
export { invalidCursors } from './testUtils/invalidCursors';
export { groupEntity } from './testUtils/groupEntity';
export { userEntity } from './testUtils/userEntity';
export {
  onBehalfOfAwareAuthServiceFactory,
  userInfoServiceFactory,
} from './testUtils/serviceFactories';
export {
  sampleGuardrailsConfig,
  sampleOrgEntities,
  sampleRolesConfig,
} from './testUtils/sampleRoles';
