/**
 * Test helpers for Terraform plan documents.
 *
 * @packageDocumentation
 */

export { planFixtures } from './testUtils/planFixtures';
export { plantSensitiveCanaries } from './testUtils/plantSensitiveCanaries';
