import { AuthService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  INFRA_ENVIRONMENTS,
  INFRA_RESOURCE_KINDS,
  createInfraRequestSchema,
} from '@internal/plugin-infra-common';
import {
  getInitiatorUserCredentials,
  parseInput,
} from '@internal/plugin-api-node';
import { InfraService } from '@internal/plugin-infra-node';
import { examples } from './infraRequestSubmit.examples';

const ACTION_ID = 'infra:request:submit';

/**
 * Submits a new resource request to the infra backend, on behalf of the user running the
 * template. The backend plans it as a job and opens its approval; the step ends at once, so
 * the template holds a scaffolder worker for about a second, not for the plan.
 */
export function createInfraRequestSubmitAction(options: {
  infra: InfraService;
  auth: AuthService;
}) {
  const { infra, auth } = options;

  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Submits a request for a new resource, on behalf of the user running the template. ' +
      'The infra backend plans it with Terraform, sends the plan for approval, and applies ' +
      'exactly the approved plan. Outputs the request id and the path of its page.',
    examples,
    schema: {
      input: {
        kind: z =>
          z
            .enum(INFRA_RESOURCE_KINDS)
            .describe('The kind of resource to create'),
        name: z =>
          z
            .string()
            .describe(
              'Name of the resource: 3-42 lowercase letters, digits and -, starting with a letter',
            ),
        environment: z =>
          z
            .enum(INFRA_ENVIRONMENTS)
            .describe(
              'Environment to create it in: sandbox (built-in resources only, works offline), dev or prod (AWS)',
            ),
        ownerRef: z =>
          z
            .string()
            .describe(
              'Group entity ref of the owner, e.g. group:default/team-payments',
            ),
        systemRef: z =>
          z
            .string()
            .optional()
            .describe(
              'System entity ref the resource belongs to, e.g. system:default/payments; empty for none',
            ),
        justification: z =>
          z.string().describe('Why the resource is needed, shown to approvers'),
        parameters: z =>
          z
            .record(z.union([z.string(), z.number(), z.boolean()]))
            .optional()
            .describe(
              'Kind-specific parameters: versioning for s3-bucket; instanceType, subnetId and diskGb for ec2-instance; cidrBlock and subnetCount for vpc',
            ),
      },
      output: {
        requestId: z => z.string().describe('Id of the provisioning request'),
        resourceId: z =>
          z.string().describe('Id of the resource the request creates'),
        requestUrl: z =>
          z
            .string()
            .describe(
              'Path of the request page, where the requester follows plan, approval and apply',
            ),
      },
    },
    async handler(ctx) {
      const { input } = ctx;

      // Fail before anything is submitted, with the rules the infra backend applies.
      const request = parseInput(createInfraRequestSchema, {
        kind: input.kind,
        name: input.name,
        environment: input.environment,
        ownerRef: input.ownerRef,
        // An optional picker left empty renders as an empty string.
        ...(input.systemRef ? { systemRef: input.systemRef } : {}),
        justification: input.justification,
        parameters: input.parameters,
      });

      // A restarted task gets the request it submitted before instead of a second one.
      const submitted = await ctx.checkpoint({
        key: 'submit',
        fn: async () => {
          const credentials = await getInitiatorUserCredentials(
            ctx,
            auth,
            ACTION_ID,
          );
          ctx.logger.info(
            `Submitting ${request.kind} ${request.name} (${request.environment}) as ${credentials.principal.userEntityRef}`,
          );
          const result = await infra.submitRequest(request, { credentials });
          return { id: result.id, resourceId: result.resourceId };
        },
      });

      ctx.logger.info(
        `Request ${submitted.id} is queued: it is planned as a job, then sent for approval. Nothing is applied before it is approved.`,
      );
      ctx.output('requestId', submitted.id);
      ctx.output('resourceId', submitted.resourceId);
      ctx.output('requestUrl', `/infra/requests/${submitted.id}`);
    },
  });
}
