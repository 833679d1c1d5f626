import { z } from 'zod';
import { INFRA_ENVIRONMENTS, INFRA_RESOURCE_KINDS } from './parameters';
import { costEstimateSchema } from './costEstimate';
import { guardrailResultSchema } from './guardrails';
import { storedPlanReviewSchema } from './planReview';

/**
 * What an `infrastructure` approval binds: the infra request, the plan hash approvers
 * approve, and the parameters it was planned from. The one definition of that payload, used
 * by the infra backend that writes and checks it and by the approval details view.
 */
export const infraApprovalPayloadSchema = z.object({
  infraRequestId: z.string().min(1),
  planHash: z.string().regex(/^[0-9a-f]{64}$/),
  operation: z.enum(['create', 'destroy']),
  kind: z.enum(INFRA_RESOURCE_KINDS),
  name: z.string(),
  environment: z.enum(INFRA_ENVIRONMENTS),
  parameters: z.record(z.string(), z.unknown()),
});

/** The payload of an `infrastructure` approval. */
export type InfraApprovalPayload = z.infer<typeof infraApprovalPayloadSchema>;

/**
 * What approvers see beside the payload: the plan review, the guardrails' results, the
 * estimated monthly cost, and who asks for what.
 */
export const infraApprovalDetailsSchema = z.object({
  // Approvals opened before version 2 carry a summary without diffs.
  planSummary: storedPlanReviewSchema,
  environment: z.enum(INFRA_ENVIRONMENTS),
  owner: z.string(),
  justification: z.string(),
  // Approvals opened before guardrails carry none.
  guardrails: z.array(guardrailResultSchema).default([]),
  // Approvals opened before cost estimates carry none; the view then says so.
  costEstimate: costEstimateSchema.optional(),
});

/** The details of an `infrastructure` approval. */
export type InfraApprovalDetailsData = z.infer<
  typeof infraApprovalDetailsSchema
>;
