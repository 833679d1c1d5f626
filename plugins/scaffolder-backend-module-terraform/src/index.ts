/**
 * Gantry infrastructure self-service for the scaffolder: the `terraform:plan`,
 * `terraform:apply` and `terraform:output` actions, backed by the infra backend.
 *
 * @packageDocumentation
 */

export { scaffolderModuleTerraform as default } from './module';
export { createTerraformPlanAction } from './actions/terraformPlan';
export { createTerraformApplyAction } from './actions/terraformApply';
export { createTerraformOutputAction } from './actions/terraformOutput';
