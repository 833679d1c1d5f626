import { createBackend } from '@backstage/backend-defaults';
import { gantryAuditorServiceFactory } from '@internal/plugin-audit-node';
import { gantryRootHttpRouterServiceFactory } from './rootHttpRouter';

const backend = createBackend();

// Every plugin's audit events go to the log and to the central, hash-chained audit trail.
backend.add(gantryAuditorServiceFactory);
// SIGTERM exits within seconds of the plugins stopping instead of waiting out the events
// bus's long polls (docs/infra.md, "Shutdown and rolling restarts").
backend.add(gantryRootHttpRouterServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in. Single sign-on (`oidc`) is set up only where auth.providers.oidc is configured
// (production, `yarn start:sso`); see docs/sso.md. The gantry-dev provider is for local
// development and refuses to start in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(
  import('@internal/plugin-auth-backend-module-gantry-oidc-provider'),
);
if (process.env.NODE_ENV !== 'production') {
  backend.add(
    import('@internal/plugin-auth-backend-module-gantry-dev-provider'),
  );
}

// Catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Provisioned infrastructure as Resource entities.
backend.add(import('@internal/plugin-catalog-backend-module-infra'));

// Scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@internal/plugin-scaffolder-backend-module-approvals'));
backend.add(import('@internal/plugin-scaffolder-backend-module-terraform'));
// The plugin kit from the portal (templates/new-ops-plugin).
backend.add(import('@internal/plugin-scaffolder-backend-module-gantry-kit'));

// Permissions: one Gantry policy for every plugin.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@internal/plugin-permission-backend-module-gantry-policy'));
// The admin access page's API (/rbac): roles, effective access, who can do what.
backend.add(import('@internal/plugin-rbac-backend'));

// Gantry platform services
backend.add(import('@internal/plugin-approvals-backend'));
// The audit trail's search, export and verify, under /api/audit.
backend.add(import('@internal/plugin-audit-backend'));
// Infrastructure self-service: plan, approval, apply exactly the approved plan.
backend.add(import('@internal/plugin-infra-backend'));

// Search: PostgreSQL engine in production, the in-memory Lunr engine on SQLite.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@internal/plugin-search-backend-module-gantry'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// Events: lets plugins on different replicas hear each other's events.
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@internal/plugin-access-requests-backend'));
backend.start();
