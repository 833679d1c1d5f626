import { InfraRequest } from '@internal/plugin-infra-common';
import { renderRootModule } from './rootModule';
import { Workspaces } from './Workspaces';

/** How requests become Terraform root modules, from config. */
export type TerraformSettings = {
  modulesDir: string;
  regionOf: (environment: InfraRequest['environment']) => string;
  stateBackend: 'local' | 'pg';
};

/** Renders a request's root module into its resource's workspace; returns the folder. */
export function writeRequestModule(
  workspaces: Workspaces,
  settings: TerraformSettings,
  request: InfraRequest,
): Promise<string> {
  const module = renderRootModule(
    {
      resourceId: request.resourceId,
      kind: request.kind,
      name: request.resourceName,
      environment: request.environment,
      ownerRef: request.ownerRef,
      parameters: request.parameters,
    },
    {
      modulesDir: settings.modulesDir,
      region: settings.regionOf(request.environment),
      state:
        settings.stateBackend === 'pg'
          ? { backend: 'pg' }
          : {
              backend: 'local',
              path: workspaces.statePathOf(request.resourceId),
            },
    },
  );
  return workspaces.writeRootModule(request.resourceId, module);
}
