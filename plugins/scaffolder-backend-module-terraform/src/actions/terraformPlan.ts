import { AuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  INFRA_RESOURCE_KINDS,
  createInfraRequestSchema,
} from '@internal/plugin-infra-common';
import { InfraService } from '@internal/plugin-infra-node';
import { ZodError } from 'zod';
import { getInitiatorUserCredentials } from './initiator';
import { examples } from './terraformPlan.examples';

const ACTION_ID = 'terraform:plan';

/** One line per problem, as `path: message`, for the task log. */
function describeIssues(error: ZodError): string {
  return error.issues
    .map(
      issue =>
        `${issue.path.map(String).join('.') || 'input'}: ${issue.message}`,
    )
    .join('; ');
}

/**
 * Plans a new resource through the infra backend, on behalf of the user running the
 * template, and outputs what the approval step needs.
 */
export function createTerraformPlanAction(options: {
  infra: InfraService;
  auth: AuthService;
}) {
  const { infra, auth } = options;

  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Renders the Terraform root module of a new resource and plans it, on behalf of the user ' +
      'running the template. Nothing is applied: pass approvalPayload and approvalDetails to ' +
      'gantry:approval:request, and the infra backend applies the plan once it is approved.',
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
          z.enum(['dev', 'prod']).describe('Environment to create it in'),
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
        planHash: z =>
          z
            .string()
            .describe('sha256 of the saved plan file: what is approved'),
        planSummary: z =>
          z
            .object({
              add: z.number(),
              change: z.number(),
              destroy: z.number(),
              replace: z.number(),
              resources: z.array(
                z.object({
                  address: z.string(),
                  type: z.string(),
                  action: z.string(),
                }),
              ),
            })
            .describe('Counts and planned resources, without attribute values'),
        add: z => z.number().describe('Resources the plan adds'),
        change: z => z.number().describe('Resources the plan changes'),
        destroy: z => z.number().describe('Resources the plan destroys'),
        approvalPayload: z =>
          z
            .object({
              infraRequestId: z.string(),
              planHash: z.string(),
              operation: z.literal('create'),
              kind: z.enum(INFRA_RESOURCE_KINDS),
              name: z.string(),
              environment: z.enum(['dev', 'prod']),
              parameters: z.record(z.unknown()),
            })
            .describe(
              'The payload of the infrastructure approval: the request and the plan hash approvers approve',
            ),
        approvalDetails: z =>
          z
            .object({
              planSummary: z.record(z.unknown()),
              environment: z.string(),
              owner: z.string(),
              justification: z.string(),
            })
            .describe('The details shown to approvers'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;

      // Fail before anything is planned, with the rules the infra backend applies.
      const parsed = createInfraRequestSchema.safeParse({
        kind: input.kind,
        name: input.name,
        environment: input.environment,
        ownerRef: input.ownerRef,
        // An optional picker left empty renders as an empty string.
        ...(input.systemRef ? { systemRef: input.systemRef } : {}),
        justification: input.justification,
        parameters: input.parameters,
      });
      if (!parsed.success) {
        throw new InputError(
          `Invalid infrastructure request: ${describeIssues(parsed.error)}`,
        );
      }
      const request = parsed.data;

      // A restarted task gets the request it planned before instead of planning a second one.
      const planned = await ctx.checkpoint({
        key: 'plan',
        fn: async () => {
          const credentials = await getInitiatorUserCredentials(
            ctx,
            auth,
            ACTION_ID,
          );
          ctx.logger.info(
            `Planning ${request.kind} ${request.name} (${request.environment}) as ${credentials.principal.userEntityRef}`,
          );
          const result = await infra.planRequest(request, { credentials });
          if (
            result.status !== 'planned' ||
            !result.planHash ||
            !result.planSummary
          ) {
            throw new Error(
              `Infrastructure request ${result.id} was not planned (status ${
                result.status
              })${result.error ? `: ${result.error}` : ''}`,
            );
          }
          return {
            id: result.id,
            resourceId: result.resourceId,
            kind: result.kind,
            name: result.resourceName,
            environment: result.environment,
            ownerRef: result.ownerRef,
            justification: result.justification,
            parameters: result.parameters,
            planHash: result.planHash,
            planSummary: result.planSummary,
          };
        },
      });

      const { planSummary } = planned;
      ctx.logger.info(
        `Plan: ${planSummary.add} to add, ${planSummary.change} to change, ${planSummary.destroy} to destroy`,
      );
      ctx.output('requestId', planned.id);
      ctx.output('resourceId', planned.resourceId);
      ctx.output('planHash', planned.planHash);
      ctx.output('planSummary', planSummary);
      ctx.output('add', planSummary.add);
      ctx.output('change', planSummary.change);
      ctx.output('destroy', planSummary.destroy);
      ctx.output('approvalPayload', {
        infraRequestId: planned.id,
        planHash: planned.planHash,
        operation: 'create',
        kind: planned.kind,
        name: planned.name,
        environment: planned.environment,
        parameters: planned.parameters,
      });
      ctx.output('approvalDetails', {
        planSummary,
        environment: planned.environment,
        owner: planned.ownerRef,
        justification: planned.justification,
      });
    },
  });
}
