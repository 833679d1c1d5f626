import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  infra?: {
    terraform?: {
      /** `terraform` or `tofu`: a name on PATH or an absolute path. Default `terraform`. */
      binary?: string;
      /** Per CLI command, in seconds. Default 1800. */
      timeoutSeconds?: number;
      /**
       * Where Terraform state lives: `local` (a file in the workspace folder, for
       * development) or `pg` (PostgreSQL, with locking; the connection string comes from the
       * `PG_CONN_STR` environment variable, never from a file). Default `local`.
       */
      stateBackend?: 'local' | 'pg';
    };
    /**
     * Folder of per-resource working directories (rendered root module, plan files, local
     * state). Relative paths resolve from the backend's working directory.
     * Default `.data/terraform` under the repository root.
     */
    workDir?: string;
    /** Folder of the Terraform modules the root modules use. Default `terraform/modules`. */
    modulesDir?: string;
    /** AWS region per environment. Default `eu-west-1` for both. */
    environments?: {
      dev?: { region?: string };
      prod?: { region?: string };
    };
    /** Approver group refs for destroy and re-plan approvals. Default `group:default/approvers`. */
    approverGroups?: string[];
    /** When one replica dispatches approved applies and fails interrupted ones. Default every 10 s. */
    dispatcher?: SchedulerServiceTaskScheduleDefinitionConfig;
  };
}
