/**
 * Gantry infrastructure self-service for the scaffolder: the `infra:request:submit`,
 * `terraform:apply` and `terraform:output` actions, backed by the infra backend.
 *
 * @packageDocumentation
 */

export { scaffolderModuleTerraform as default } from './module';
export { createInfraRequestSubmitAction } from './actions/infraRequestSubmit';
export { createTerraformApplyAction } from './actions/terraformApply';
export { createTerraformOutputAction } from './actions/terraformOutput';
