/**
 * Helpers every Gantry backend plugin shares, one home for each rule: input parsing and its
 * error format, path ids, CSV cells, canonical JSON, the keyset cursor, plugin-to-plugin
 * calls, the signed-in user check, audited actions and SQLite's write-ahead log.
 *
 * @packageDocumentation
 */

export { parseInput } from './parseInput';
export { parsePathId } from './parsePathId';
export { csvCell, toCsv } from './csv';
export { canonicalJson } from './canonicalJson';
export { decodeCursor, encodeCursor } from './keysetCursor';
export type { KeysetCursor } from './keysetCursor';
export { callPluginApi } from './callPluginApi';
export type { PluginApiRequest } from './callPluginApi';
export {
  getInitiatorUserCredentials,
  isUserCredentials,
} from './userCredentials';
export { applyPermissionCriteria } from './permissionCriteria';
export { authorizeConditions } from './authorizeConditions';
export { useSqliteWriteAheadLog } from './sqliteWriteAheadLog';
export { requirePluginCaller } from './pluginCaller';
export { isUniqueViolation } from './uniqueViolation';
export { auditedAction } from './auditedAction';
