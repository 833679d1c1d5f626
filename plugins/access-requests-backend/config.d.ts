export interface Config {
  /** Gantry access requests: temporary roles and group memberships. */
  accessRequests?: {
    /**
     * What users may ask for. Each target names exactly one of `role` (a role of
     * `gantry.rbac.roles`) or `group` (a group entity ref); its id is that name or ref.
     */
    targets?: Array<{
      /** A role of `gantry.rbac.roles`, e.g. `admin`. */
      role?: string;
      /** A group entity ref, e.g. `group:default/approvers`. */
      group?: string;
      /** Shown to users; defaults to `Role admin` or `Group approvers`. */
      title?: string;
      description?: string;
      /** Who decides, as user or group entity refs. The requester never approves their own. */
      approvers: string[];
      /** The durations offered: a whole number and a unit, `s`, `m`, `h` or `d` (`30m`, `4h`). At most 30d. */
      durations: string[];
    }>;
    /** Seconds between runs of the task that ends expired grants. Defaults to 30. */
    expirySweepSeconds?: number;
    /** Seconds between checks of pending requests' approvals, for missed events. Defaults to 60. */
    approvalSweepSeconds?: number;
    /** How long approvers have to decide, as a duration (at least 1m). Defaults to 1d. */
    approvalExpiry?: string;
  };
}
