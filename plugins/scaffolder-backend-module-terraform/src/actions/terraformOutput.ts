import { AuthService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { getInitiatorUserCredentials } from '@internal/plugin-api-node';
import { InfraService } from '@internal/plugin-infra-node';
import { examples } from './terraformOutput.examples';

const ACTION_ID = 'terraform:output';

/** Reads the outputs of an applied provisioning request, as the user running the template. */
export function createTerraformOutputAction(options: {
  infra: InfraService;
  auth: AuthService;
}) {
  const { infra, auth } = options;

  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Reads the non-sensitive outputs of an applied provisioning request, as the user running the template. ' +
      'Fails if the request has not been applied.',
    examples,
    schema: {
      input: {
        requestId: z =>
          z.string().min(1).describe('Id of the provisioning request'),
      },
      output: {
        status: z => z.string().describe('Status of the request'),
        outputs: z =>
          z
            .record(z.unknown())
            .describe('Non-sensitive outputs of the resource'),
      },
    },
    async handler(ctx) {
      const { requestId } = ctx.input;
      const credentials = await getInitiatorUserCredentials(
        ctx,
        auth,
        ACTION_ID,
      );

      const request = await infra.getRequest(requestId, { credentials });
      if (request.status !== 'applied') {
        throw new ConflictError(
          `Infrastructure request ${requestId} is ${request.status}, not applied, so it has no outputs yet`,
        );
      }

      ctx.output('status', request.status);
      ctx.output('outputs', request.outputs ?? {});
    },
  });
}
