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
export { parsePlanReview } from './planReview';
export { hashPlanFile } from './planHash';
export {
  StalePlanError,
  TerraformAbortedError,
  TerraformCommandError,
  TerraformTimeoutError,
  describeTerraformError,
} from './errors';
export { findTerraformBinary } from './findTerraformBinary';
