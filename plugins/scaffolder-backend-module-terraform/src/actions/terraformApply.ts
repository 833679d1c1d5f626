import { AuthService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { getInitiatorUserCredentials } from '@internal/plugin-api-node';
import { InfraService } from '@internal/plugin-infra-node';
import { z as zod } from 'zod';
import { examples } from './terraformApply.examples';

const ACTION_ID = 'terraform:apply';

// Checkpoint values are stored as JSON, so the outputs are checked to be JSON first.
const outputsSchema = zod.record(zod.string(), zod.json());

/** Applies an approved provisioning request on behalf of the user running the template. */
export function createTerraformApplyAction(options: {
  infra: InfraService;
  auth: AuthService;
}) {
  const { infra, auth } = options;

  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Asks for the apply of the saved plan of a provisioning request, on behalf of the user running ' +
      'the template. The apply runs as a job in the infra backend; `status` says where it stands. ' +
      'The infra backend refuses (409) unless the request is approved and its plan hash still matches.',
    examples,
    schema: {
      input: {
        requestId: z =>
          z.string().min(1).describe('Id of the provisioning request'),
      },
      output: {
        status: z =>
          z.string().describe('Status of the request after the apply call'),
        outputs: z =>
          z
            .record(z.unknown())
            .describe(
              'Non-sensitive outputs of the resource; empty until the apply has finished',
            ),
      },
    },
    async handler(ctx) {
      const { requestId } = ctx.input;

      // A second apply of the same request would be refused, so a restarted task replays this one.
      const applied = await ctx.checkpoint({
        key: 'apply',
        fn: async () => {
          const credentials = await getInitiatorUserCredentials(
            ctx,
            auth,
            ACTION_ID,
          );
          ctx.logger.info(
            `Applying infrastructure request ${requestId} as ${credentials.principal.userEntityRef}`,
          );
          const result = await infra.applyRequest(requestId, { credentials });
          return {
            status: result.status,
            outputs: outputsSchema.parse(result.outputs ?? {}),
          };
        },
      });

      ctx.logger.info(
        `Infrastructure request ${requestId} is ${applied.status}`,
      );
      ctx.output('status', applied.status);
      ctx.output('outputs', applied.outputs);
    },
  });
}
