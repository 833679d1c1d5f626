import { Content, EmptyState, Header, Page } from '@backstage/core-components';
import { RequiredRolesMessage } from '@internal/plugin-rbac';

/**
 * What a page shows to someone whose role does not allow it (the `errorPage` of a
 * `RequirePermission`): a plain sentence naming the roles that would allow it, rather than a
 * "not found" page.
 */
export const NotAllowedPage = ({
  title,
  permission,
  action,
}: {
  /** The page, e.g. "Create...". */
  title: string;
  /** The permission the page needs, e.g. `taskCreatePermission`. */
  permission: { name: string };
  /** What the permission allows, as a verb phrase: "create software from templates". */
  action: string;
}) => (
  <Page themeId="tool">
    <Header title={title} />
    <Content>
      <EmptyState
        missing="info"
        title="You are not allowed to see this page"
        description={
          <RequiredRolesMessage permission={permission} action={action} />
        }
      />
    </Content>
  </Page>
);
