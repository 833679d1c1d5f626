export interface Config {
  gantry?: {
    permissions?: {
      /**
       * User or group refs whose members are Gantry admins.
       * Default: group:default/platform-admins.
       */
      admins?: string[];
    };
  };
}
