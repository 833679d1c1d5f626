import { Content, EmptyState, Header, Page } from '@backstage/core-components';

/**
 * What a page shows to someone whose role does not allow it (the `errorPage` of a
 * `RequirePermission`): a plain sentence, rather than a "not found" page.
 */
export const NotAllowedPage = ({
  title,
  description,
}: {
  /** The page, e.g. "Create...". */
  title: string;
  /** What is not allowed, as a sentence. */
  description: string;
}) => (
  <Page themeId="tool">
    <Header title={title} />
    <Content>
      <EmptyState
        missing="info"
        title="You are not allowed to see this page"
        description={`${description} If you need it, ask a Gantry admin for a role that allows it.`}
      />
    </Content>
  </Page>
);
