/**
 * Gantry roles: the role config, the catalog's group graph, and the engine that turns them
 * into permission decisions. Used by the permission policy and the access page.
 *
 * @packageDocumentation
 */

export { readRbacConfig } from './roleConfig';
export type { RbacConfig } from './roleConfig';
export type {
  ConditionConfig,
  GrantConfig,
  RoleConfig,
} from '@internal/plugin-rbac-common';
export { GroupGraph } from './GroupGraph';
export type { GroupNode, UserNode } from './GroupGraph';
export { loadGroupGraph } from './loadGroupGraph';
export { loadGroupAncestors } from './loadGroupAncestors';
export { RbacEngine } from './RbacEngine';
export type {
  RbacDecision,
  RbacEngineOptions,
  RbacUser,
  ResolvedTemporaryGrant,
  ResolvedUser,
} from './RbacEngine';
export type { UserClaims } from './grantConditions';
export { pluginIdOfResourceType } from './resourceTypePlugins';
export { ALL_TEMPLATES } from './templateVisibility';
export { LiveRbac } from './LiveRbac';
export { TemporaryGrantsReader } from './TemporaryGrantsReader';
export type { TemporaryGrantsRead } from './TemporaryGrantsReader';
