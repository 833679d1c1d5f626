import { TerraformHealthBanner } from './TerraformHealthBanner';

/**
 * The request templates' `ui:field: InfraTerraformCheck`, on their first step: says on the
 * form itself, before anyone fills it in, when the backend cannot run Terraform. It sets no
 * value and shows nothing while Terraform runs.
 */
export const TerraformHealthField = () => <TerraformHealthBanner />;
