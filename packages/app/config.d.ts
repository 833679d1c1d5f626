export interface Config {
  gantry?: {
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
