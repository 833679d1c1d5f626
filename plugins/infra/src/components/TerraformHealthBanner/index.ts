export { TerraformHealthBanner } from './TerraformHealthBanner';
