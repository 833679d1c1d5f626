import { AuthService, RootConfigService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CreateApprovalRequest,
  createApprovalRequestSchema,
} from '@internal/plugin-approvals-common';
import {
  getInitiatorUserCredentials,
  parseInput,
} from '@internal/plugin-api-node';
import { ApprovalsService } from '@internal/plugin-approvals-node';
import { examples } from './requestApproval.examples';

const DEFAULT_KIND = 'generic';
const DEFAULT_APPROVER_GROUPS = ['group:default/approvers'];

/** Opens a Gantry approval request on behalf of the user running the template. */
export function createRequestApprovalAction(options: {
  approvals: ApprovalsService;
  auth: AuthService;
  config: RootConfigService;
}) {
  const { approvals, auth, config } = options;
  const appBaseUrl = config.getString('app.baseUrl').replace(/\/+$/, '');

  return createTemplateAction({
    id: 'gantry:approval:request',
    description:
      'Opens an approval request on behalf of the user running the template. ' +
      'The request is decided in the Approvals page; this action does not wait for the decision.',
    examples,
    schema: {
      input: {
        kind: z =>
          z
            .string()
            .optional()
            .describe(
              `What is being approved, lowercase letters, digits and -; consumers react to their own kind. Defaults to "${DEFAULT_KIND}"`,
            ),
        title: z => z.string().describe('Title of the request'),
        summary: z =>
          z.string().optional().describe('Longer description for approvers'),
        onBehalfOf: z =>
          z
            .string()
            .optional()
            .describe(
              'Group entity ref the user asks on behalf of, e.g. group:default/team-a',
            ),
        approvers: z =>
          z
            .object({
              users: z
                .array(z.string())
                .optional()
                .describe('User entity refs that may approve'),
              groups: z
                .array(z.string())
                .optional()
                .describe('Group entity refs whose members may approve'),
            })
            .optional()
            .describe(
              `Who may approve. Defaults to the groups ${DEFAULT_APPROVER_GROUPS.join(
                ', ',
              )} when no user or group is named`,
            ),
        quorum: z =>
          z
            .number()
            .int()
            .optional()
            .describe('Distinct approvals needed; 1 by default'),
        expiresInSeconds: z =>
          z
            .number()
            .int()
            .optional()
            .describe('Seconds until the request expires; a week by default'),
        payload: z =>
          z
            .union([
              z.record(z.unknown()),
              z.array(z.unknown()),
              z.string(),
              z.number(),
              z.boolean(),
              z.null(),
            ])
            .describe(
              'Any JSON value: what is approved. It is hashed, and whoever acts on the approval gets exactly this',
            ),
        details: z =>
          z
            .record(z.unknown())
            .optional()
            .describe('Extra key-value pairs shown to approvers'),
        links: z =>
          z
            .array(z.object({ title: z.string(), url: z.string() }))
            .optional()
            .describe('Links shown on the request page'),
      },
      output: {
        requestId: z => z.string().describe('Id of the approval request'),
        requestUrl: z =>
          z.string().describe('Page of the approval request in Gantry'),
        status: z =>
          z.string().describe('Status of the request when it was opened'),
        payloadHash: z =>
          z
            .string()
            .describe('sha256 of the canonical JSON of the payload, as stored'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const named = [
        ...(input.approvers?.users ?? []),
        ...(input.approvers?.groups ?? []),
      ];
      const request: CreateApprovalRequest = {
        kind: input.kind ?? DEFAULT_KIND,
        title: input.title,
        summary: input.summary,
        onBehalfOfRef: input.onBehalfOf,
        approvers:
          named.length > 0
            ? {
                users: input.approvers?.users ?? [],
                groups: input.approvers?.groups ?? [],
              }
            : { users: [], groups: DEFAULT_APPROVER_GROUPS },
        quorum: input.quorum,
        expiresInSeconds: input.expiresInSeconds,
        payload: input.payload,
        details: input.details,
        links: input.links,
      };

      // Fail before the task touches the approvals backend, with the same rules it applies.
      parseInput(createApprovalRequestSchema, request);

      // A restarted task gets the request it opened before instead of opening a second one.
      const created = await ctx.checkpoint({
        key: 'approval-request',
        fn: async () => {
          const credentials = await getInitiatorUserCredentials(
            ctx,
            auth,
            'gantry:approval:request',
          );
          ctx.logger.info(
            `Opening a "${request.kind}" approval request as ${credentials.principal.userEntityRef}`,
          );
          const result = await approvals.createRequest(request, {
            credentials,
          });
          return {
            id: result.id,
            status: result.status,
            payloadHash: result.payloadHash,
          };
        },
      });

      const requestUrl = `${appBaseUrl}/approvals/requests/${encodeURIComponent(
        created.id,
      )}`;
      ctx.logger.info(
        `Approval request ${created.id} is ${created.status}: ${requestUrl}`,
      );
      ctx.output('requestId', created.id);
      ctx.output('requestUrl', requestUrl);
      ctx.output('status', created.status);
      ctx.output('payloadHash', created.payloadHash);
    },
  });
}
