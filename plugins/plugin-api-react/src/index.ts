/**
 * Frontend plumbing shared by Gantry plugins: the client for a backend plugin's JSON API,
 * how its errors are shown, how a downloaded file is saved, and the hook that reloads a view on signals.
 *
 * @packageDocumentation
 */

export { PluginBackendClient } from './PluginBackendClient';
export { BackendErrorPanel, errorMessageOf } from './errors';
export { downloadBlob } from './downloadBlob';
export { useSignalReload } from './useSignalReload';
