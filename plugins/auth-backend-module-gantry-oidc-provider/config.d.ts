export interface Config {
  gantry?: {
    /** How single sign-on maps a person to a catalog user. See docs/sso.md. */
    signIn?: {
      /**
       * Email domains whose local part may name the catalog user (`ada@corp.example` →
       * `user:default/ada`) when no user has the email in `spec.profile.email`. A list, or one
       * comma-separated string (from an environment variable). Empty or unset: only the exact
       * email signs in.
       */
      allowedDomains?: string[] | string;
    };
  };
}
