export interface Config {
  gantry?: {
    /**
     * Gantry's roles. Read again on every config change, without a restart; a broken block
     * is refused and the last good roles stay in force. See docs/rbac.md.
     */
    rbac?: {
      /** How often the catalog's groups are read again, in seconds. Default 30. */
      groupRefreshSeconds?: number;
      roles?: Array<{
        /** kebab-case, unique. */
        name: string;
        description: string;
        /** User and group refs. A group's role applies to members of its child groups. */
        members?: string[];
        /** Template tags the role may see and run; `*` for every template. */
        templates?: string[];
        grants?: Array<{
          /** A permission name, a pattern (`infra.request.*`, `*`), or a list of them. */
          permission: string | string[];
          /** Only permissions with one of these actions. */
          actions?: Array<'create' | 'read' | 'update' | 'delete'>;
          decision?: 'allow' | 'conditional';
          /** A rule (`{ rule: IS_OWNER }`) or allOf/anyOf/not of rules. */
          condition?: object;
        }>;
      }>;
    };
  };
}
