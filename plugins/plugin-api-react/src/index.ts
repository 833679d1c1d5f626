/**
 * Frontend plumbing shared by Gantry plugins: the client for a backend plugin's JSON API and
 * the hook that reloads a view on signals.
 *
 * @packageDocumentation
 */

export { PluginBackendClient } from './PluginBackendClient';
export { useSignalReload } from './useSignalReload';
