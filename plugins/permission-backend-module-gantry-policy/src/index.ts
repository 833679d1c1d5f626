/**
 * Gantry's permission policy module.
 *
 * @packageDocumentation
 */

export { permissionModuleGantryPolicy as default } from './module';
export { GantryPermissionPolicy } from './GantryPermissionPolicy';
