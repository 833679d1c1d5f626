export { TerraformHealthBanner } from './TerraformHealthBanner';
export { TerraformHealthField } from './TerraformHealthField';
