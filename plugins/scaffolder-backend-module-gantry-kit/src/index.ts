/**
 * The Gantry plugin kit in the portal: the `gantry:kit:generate` and `gantry:kit:write-local`
 * scaffolder actions behind templates/new-ops-plugin, which render the same kit as `yarn new`.
 *
 * @packageDocumentation
 */

export { scaffolderModuleGantryKit as default } from './module';
export { createKitGenerateAction } from './actions/kitGenerate';
export { createKitWriteLocalAction } from './actions/kitWriteLocal';
export { readGantryKitOptions } from './config';
export type { GantryKitOptions, GantryKitPublishTarget } from './config';
export { renderPluginKit, KIT_TEMPLATES } from './kit/renderPluginKit';
export type { RenderedFile, RenderedPackage } from './kit/renderPluginKit';
