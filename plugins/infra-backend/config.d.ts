import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  infra?: {
    terraform?: {
      /** `terraform` or `tofu`: a name on PATH or an absolute path. Default `terraform`. */
      binary?: string;
      /** Per CLI command, in seconds. Default 1800. */
      timeoutSeconds?: number;
      /**
       * How long plan and apply wait for Terraform's state lock, in seconds. Default 300.
       * With the `pg` backend every first plan of a new resource takes one shared lock.
       */
      lockTimeoutSeconds?: number;
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
    /**
     * Approver group refs of every infrastructure approval. An approval naming other
     * approvers is never linked to a request. Default `group:default/approvers`.
     */
    approverGroups?: string[];
    /** Approvals an infrastructure approval needs. Default 1. */
    approvalQuorum?: number;
    /**
     * Guardrails, checked on every plan before it goes to approval. Each is a CEL rule run
     * on each managed resource the plan changes, with the variables `resource` (address,
     * type, name, actions, before, after), `values` (the attributes it will have; a sandbox
     * `terraform_data`'s `input`) and `request` (environment, kind, operation, parameters,
     * owner). A resource breaks the rule when `when` holds (or is absent) and `assert` does
     * not. A `deny` rule broken, or one that cannot be evaluated, fails the request before
     * approval with its message; a `warn` is shown to the approver. See docs/infra.md.
     */
    guardrails?: Array<{
      /** A lower-case slug, unique among the rules. */
      name: string;
      level: 'deny' | 'warn';
      /** What the requester or the approver reads when a plan breaks the rule. */
      message: string;
      /** CEL: which resource changes the rule is about. */
      when?: string;
      /** CEL: what each of them must satisfy. */
      assert: string;
    }>;
    /**
     * Prices of the cost estimate, in US dollars, laid over the shipped table (AWS
     * on-demand list prices for eu-west-1 as of the date in the table, never fetched live).
     * Set `source`, `region` and `asOf` with the prices so the estimate names where they
     * come from. See docs/infra.md, "Cost estimate".
     */
    prices?: {
      /** Where the prices come from, such as `AWS on-demand list prices`. */
      source?: string;
      /** The region the prices are for, such as `eu-west-1`. */
      region?: string;
      /** The date the prices are from, such as `2024-06-01`. */
      asOf?: string;
      /** EC2 on-demand price per hour, by instance type; adds to the shipped types. */
      ec2HourlyByInstanceType?: { [instanceType: string]: number };
      /** EBS gp3 storage per GB-month. */
      ebsGp3PerGbMonth?: number;
      /** NAT gateway per hour. */
      natGatewayHourly?: number;
      /** S3 Standard storage per GB-month. */
      s3StandardPerGbMonth?: number;
    };
    /** This replica's pool of plan and apply workers; replicas share one queue. */
    jobs?: {
      /** Plans and applies this replica runs at once. Default 2. */
      workers?: number;
      /** How often an idle pool looks for queued jobs, in seconds. Default 2. */
      pollIntervalSeconds?: number;
      /** How often a running job reports its worker alive, in seconds. Default 5. */
      heartbeatSeconds?: number;
      /**
       * A job whose worker has not reported for this long is taken as dead: its plan runs
       * again, its apply is marked failed. In seconds. Default 30.
       */
      staleAfterSeconds?: number;
      /**
       * A plan claimed this many times without finishing fails. A plan handed back by a
       * replica that shut down does not count. Default 3.
       */
      maxPlanAttempts?: number;
      /**
       * How long a stopping backend waits for running jobs, in seconds, after
       * `backend.lifecycle.serverShutdownDelay`. A plan still running then has its Terraform
       * process stopped and is handed back to the queue; an apply keeps its claim and is left to `staleAfterSeconds`. Default 10.
       */
      shutdownGraceSeconds?: number;
    };
    /**
     * When one replica sweeps: fails applies whose worker died, follows missed approval
     * decisions, opens approvals that could not be opened. Default every 10 s.
     */
    sweeper?: SchedulerServiceTaskScheduleDefinitionConfig;
  };
}
