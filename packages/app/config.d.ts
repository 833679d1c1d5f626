export interface Config {
  auth?: {
    providers?: {
      /**
       * Single sign-on, read by the backend's OIDC module. Only its presence reaches the
       * frontend, which then shows the SSO sign-in page; the settings inside stay backend-only.
       * @visibility frontend
       */
      oidc?: { [authEnvironment: string]: object };
    };
  };
  gantry?: {
    /**
     * The platform team's announcements, shown on the home page, newest first.
     * @visibility frontend
     */
    announcements?: Array<{
      /** @visibility frontend */
      title: string;
      /** @visibility frontend */
      body: string;
      /**
       * When it was announced, an ISO date such as 2026-11-02.
       * @visibility frontend
       */
      date: string;
    }>;
    /** Gantry's local sign-in (development only). */
    devSignIn?: {
      /**
       * The catalog users offered on the dev sign-in page.
       * @visibility frontend
       */
      users?: Array<{
        /**
         * User entity name in the default namespace.
         * @visibility frontend
         */
        name: string;
        /**
         * A short line shown under the name.
         * @visibility frontend
         */
        description?: string;
      }>;
    };
  };
}
