import { Route } from 'react-router-dom';
import { apiDocsPlugin, ApiExplorerPage } from '@backstage/plugin-api-docs';
import {
  CatalogEntityPage,
  CatalogIndexPage,
  catalogPlugin,
} from '@backstage/plugin-catalog';
import {
  CatalogImportPage,
  catalogImportPlugin,
} from '@backstage/plugin-catalog-import';
import { ScaffolderPage, scaffolderPlugin } from '@backstage/plugin-scaffolder';
import { ScaffolderFieldExtensions } from '@backstage/plugin-scaffolder-react';
import { orgPlugin } from '@backstage/plugin-org';
import { SearchPage } from '@backstage/plugin-search';
import { UserSettingsPage } from '@backstage/plugin-user-settings';
import { apis } from './apis';
import { entityPage } from './components/catalog/EntityPage';
import {
  CatalogIndexFilters,
  CatalogIndexFiltersPreload,
} from './components/catalog/CatalogIndexFilters';
import { searchPage } from './components/search/SearchPage';
import { Root } from './components/Root';
import { HomePage } from './components/home/HomePage';
import { GantryVisitListener } from './components/home/GantryVisitListener';
import { GantrySignInPage } from './components/signin/GantrySignInPage';
import { NotAllowedPage } from './components/permissions';
import { createPageHeader } from './components/scaffolder/templateGroups';
import { CreatePageRoutes } from './components/scaffolder/CreatePageRoutes';
import { CreateTemplatesPage } from './components/scaffolder/CreateTemplatesPage';
import { templateFormProps } from './components/scaffolder/templateFormProps';
import { AlertDisplay, OAuthRequestDialog } from '@backstage/core-components';
import { createApp } from '@backstage/app-defaults';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import { CatalogGraphPage } from '@backstage/plugin-catalog-graph';
import { RequirePermission } from '@backstage/plugin-permission-react';
import { catalogEntityCreatePermission } from '@backstage/plugin-catalog-common/alpha';
import { taskCreatePermission } from '@backstage/plugin-scaffolder-common/alpha';
import { NotificationsPage } from '@backstage/plugin-notifications';
import { SignalsDisplay } from '@backstage/plugin-signals';
import { ApprovalsPage, approvalsPlugin } from '@internal/plugin-approvals';
import {
  InfraCostEstimateFieldExtension,
  InfraPage,
  InfraTerraformCheckFieldExtension,
  OpsDashboardPage,
  infraApprovalDetailsRenderer,
  infraOpsReadPermission,
} from '@internal/plugin-infra';
import { RbacPage } from '@internal/plugin-rbac';
import { rbacAccessReadPermission } from '@internal/plugin-rbac-common';
import { AuditPage } from '@internal/plugin-audit';
import { auditTrailReadPermission } from '@internal/plugin-audit-common';
import {
  AccessRequestsPage,
  accessRequestCreatePermission,
  accessRequestsPlugin,
} from '@internal/plugin-access-requests';

const app = createApp({
  apis,
  bindRoutes({ bind }) {
    bind(catalogPlugin.externalRoutes, {
      createComponent: scaffolderPlugin.routes.root,
      createFromTemplate: scaffolderPlugin.routes.selectedTemplate,
    });
    bind(apiDocsPlugin.externalRoutes, {
      registerApi: catalogImportPlugin.routes.importPage,
    });
    bind(scaffolderPlugin.externalRoutes, {
      registerComponent: catalogImportPlugin.routes.importPage,
    });
    bind(orgPlugin.externalRoutes, {
      catalogIndex: catalogPlugin.routes.catalogIndex,
    });
    bind(accessRequestsPlugin.externalRoutes, {
      approvals: approvalsPlugin.routes.root,
    });
  },
  components: {
    SignInPage: GantrySignInPage,
  },
});

const routes = (
  <FlatRoutes>
    <Route path="/" element={<HomePage />} />
    <Route
      path="/catalog"
      element={
        <>
          <CatalogIndexFiltersPreload />
          <CatalogIndexPage filters={<CatalogIndexFilters />} />
        </>
      }
    />
    <Route
      path="/catalog/:namespace/:kind/:name"
      element={<CatalogEntityPage />}
    >
      {entityPage}
    </Route>
    <Route
      path="/create"
      element={
        <RequirePermission
          permission={taskCreatePermission}
          errorPage={
            <NotAllowedPage
              title="Create..."
              permission={taskCreatePermission}
              action="create software from templates"
            />
          }
        >
          <CreatePageRoutes list={<CreateTemplatesPage />}>
            <ScaffolderPage
              headerOptions={createPageHeader}
              formProps={templateFormProps}
            >
              <ScaffolderFieldExtensions>
                <InfraCostEstimateFieldExtension />
                <InfraTerraformCheckFieldExtension />
              </ScaffolderFieldExtensions>
            </ScaffolderPage>
          </CreatePageRoutes>
        </RequirePermission>
      }
    />
    <Route path="/api-docs" element={<ApiExplorerPage />} />
    <Route
      path="/catalog-import"
      element={
        <RequirePermission
          permission={catalogEntityCreatePermission}
          errorPage={
            <NotAllowedPage
              title="Register an existing component"
              permission={catalogEntityCreatePermission}
              action="register components in the catalog"
            />
          }
        >
          <CatalogImportPage />
        </RequirePermission>
      }
    />
    <Route path="/search" element={<SearchPage />}>
      {searchPage}
    </Route>
    <Route path="/settings" element={<UserSettingsPage />} />
    <Route path="/catalog-graph" element={<CatalogGraphPage />} />
    <Route path="/notifications" element={<NotificationsPage />} />
    <Route
      path="/approvals"
      element={
        <ApprovalsPage
          detailsRenderers={{ infrastructure: infraApprovalDetailsRenderer }}
        />
      }
    />
    <Route path="/infra" element={<InfraPage />} />
    <Route
      path="/ops"
      element={
        <RequirePermission
          permission={infraOpsReadPermission}
          errorPage={
            <NotAllowedPage
              title="Operations"
              permission={infraOpsReadPermission}
              action="see the operations dashboard"
            />
          }
        >
          <OpsDashboardPage />
        </RequirePermission>
      }
    />
    <Route
      path="/rbac"
      element={
        <RequirePermission
          permission={rbacAccessReadPermission}
          errorPage={
            <NotAllowedPage
              title="Access"
              permission={rbacAccessReadPermission}
              action="see who holds which role and what each role allows"
            />
          }
        >
          <RbacPage />
        </RequirePermission>
      }
    />
    <Route
      path="/audit"
      element={
        <RequirePermission
          permission={auditTrailReadPermission}
          errorPage={
            <NotAllowedPage
              title="Audit trail"
              permission={auditTrailReadPermission}
              action="read the audit trail"
            />
          }
        >
          <AuditPage />
        </RequirePermission>
      }
    />
    <Route
      path="/access-requests"
      element={
        <RequirePermission
          permission={accessRequestCreatePermission}
          errorPage={
            <NotAllowedPage
              title="Access requests"
              permission={accessRequestCreatePermission}
              action="ask for temporary access to a role or group"
            />
          }
        >
          <AccessRequestsPage />
        </RequirePermission>
      }
    />
  </FlatRoutes>
);

/** The Gantry frontend's root element. */
export const App = app.createRoot(
  <>
    {/* Bottom right, and brief: a toast must not sit on the live apply log or the buttons. */}
    <AlertDisplay
      transientTimeoutMs={4000}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
    />
    <OAuthRequestDialog />
    <SignalsDisplay />
    <AppRouter>
      <GantryVisitListener />
      <Root>{routes}</Root>
    </AppRouter>
  </>,
);
