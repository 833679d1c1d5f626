import { z } from 'zod';
import { InfraResourceKind } from './parameters';
import { InfraHealth, InfraOperation } from './types';

/** The query of `GET /api/infra/ops/stats`: the last `days` UTC days, today included. */
export const infraOpsStatsQuerySchema = z
  .object({
    days: z.coerce.number().int().min(1).max(90).default(14),
  })
  .strict();

/**
 * How a request ended: its final status, or `open` while it is still planning, waiting or
 * applying.
 */
export type InfraOpsOutcome =
  | 'applied'
  | 'failed'
  | 'rejected'
  | 'expired'
  | 'cancelled'
  | 'superseded'
  | 'open';

/** Every {@link InfraOpsOutcome}, in the order the dashboard stacks them. */
export const INFRA_OPS_OUTCOMES: InfraOpsOutcome[] = [
  'applied',
  'failed',
  'rejected',
  'expired',
  'cancelled',
  'superseded',
  'open',
];

/** How many requests of one operation, kind and outcome were submitted on one UTC day. */
export type InfraOpsDailyCount = {
  /** `YYYY-MM-DD`, UTC, of the request's submission. */
  day: string;
  operation: InfraOperation;
  kind: InfraResourceKind;
  outcome: InfraOpsOutcome;
  count: number;
};

/** Nearest-rank percentiles of a duration, over `count` requests; none without requests. */
export type InfraOpsDurations = {
  count: number;
  p50Ms?: number;
  p95Ms?: number;
};

/** A failed request, for the latest failures. */
export type InfraOpsFailure = {
  id: string;
  operation: InfraOperation;
  kind: InfraResourceKind;
  resourceName: string;
  environment: string;
  reason: string;
  failedAt: string;
};

/** `GET /api/infra/ops/stats`: request analytics of the last `days` days. */
export type InfraOpsStats = {
  days: number;
  /** Start of the window: midnight UTC, `days - 1` days before today. */
  since: string;
  /** Requests submitted in the window, by day, operation, kind and outcome; no zero rows. */
  perDay: InfraOpsDailyCount[];
  /**
   * From submission to the approval's decision, for the approved requests submitted in the
   * window (requests decided before decisions were recorded are left out).
   */
  submitToApproval: InfraOpsDurations;
  /** From the approval's decision to the end of the apply, for those that were applied. */
  approvalToApplied: InfraOpsDurations;
  failures: {
    /** Requests of the window that ended `failed`. */
    failed: number;
    /** Requests of the window that ended `applied` or `failed`. */
    finished: number;
    /** `failed / finished`; none when nothing finished. */
    rate?: number;
    /** The 10 latest failures in the window, newest first. */
    latest: InfraOpsFailure[];
  };
  /** Requests waiting for approval now, by how long they have waited. */
  waitingForApproval: {
    underOneHour: number;
    oneToTwentyFourHours: number;
    oneToSevenDays: number;
    overSevenDays: number;
  };
};

/** `GET /api/infra/ops/health`: what the operators check first. */
export type InfraOpsHealth = {
  terraform: InfraHealth['terraform'];
  /** The plan and apply workers of the replica that answered. */
  workers: { total: number; busy: number; idle: number };
  /** Jobs no worker holds yet, on every replica. */
  queue: { plans: number; applies: number };
  /** The sweeper's last run, as the scheduler records it; `unknown` when it has none. */
  sweeper:
    | { state: 'known'; lastRunEndedAt?: string; lastRunError?: string }
    | { state: 'unknown' };
  database: { reachable: boolean; message?: string };
  /**
   * The catalog provider's last refresh of the Resource entities, as it reported it (it runs
   * in the catalog backend); `unknown` until its first report.
   */
  catalogProvider:
    | ({
        state: 'known';
        refreshedAt: string;
        lastSuccessAt?: string;
      } & InfraCatalogSyncReport)
    | { state: 'unknown'; reason: string };
};

/** How much of a failed catalog refresh's message is kept. */
export const INFRA_CATALOG_SYNC_ERROR_MAX = 500;

/**
 * Body of `POST /api/infra/ops/catalog-sync`, which only the catalog backend may call: how
 * its provider's last refresh went.
 */
export const infraCatalogSyncReportSchema = z
  .object({
    succeeded: z.boolean(),
    /** Resource entities the refresh handed to the catalog. */
    entities: z.number().int().min(0).optional(),
    /** Why it failed. */
    error: z.string().max(INFRA_CATALOG_SYNC_ERROR_MAX).optional(),
  })
  .strict();

/** A catalog refresh report; see {@link infraCatalogSyncReportSchema}. */
export type InfraCatalogSyncReport = z.infer<
  typeof infraCatalogSyncReportSchema
>;
