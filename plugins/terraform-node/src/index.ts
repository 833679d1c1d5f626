/**
 * Gantry's Terraform runner: the real CLI (terraform or tofu) without a shell, plan
 * summaries and plan hashes.
 *
 * @packageDocumentation
 */

export { TerraformRunner } from './TerraformRunner';
export type {
  LogSink,
  TerraformOutputs,
  TerraformRunnerOptions,
} from './TerraformRunner';
export { summarizePlan } from './planSummary';
export type {
  PlanSummary,
  PlannedAction,
  PlannedResource,
} from './planSummary';
export { hashPlanFile } from './planHash';
export {
  StalePlanError,
  TerraformCommandError,
  TerraformTimeoutError,
  describeTerraformError,
} from './errors';
export { findTerraformBinary } from './findTerraformBinary';
