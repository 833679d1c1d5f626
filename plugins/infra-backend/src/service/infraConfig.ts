import { RootConfigService } from '@backstage/backend-plugin-api';
import { resolve } from 'node:path';
import { DEFAULT_JOB_WORKER_SETTINGS, JobWorkerSettings } from './JobWorker';
import { TerraformSettings } from './requestModule';

/**
 * A bare name is looked up on PATH; a path is taken from the backend's working directory,
 * since the CLI itself runs in each request's workspace.
 */
export function resolveBinary(binary: string) {
  return binary.includes('/') ? resolve(binary) : binary;
}

/** `infra.modulesDir`, `infra.environments.*.region` and `infra.terraform.stateBackend`. */
export function readTerraformSettings(
  config: RootConfigService,
): TerraformSettings {
  return {
    modulesDir: resolve(
      config.getOptionalString('infra.modulesDir') ?? 'terraform/modules',
    ),
    regionOf: environment =>
      config.getOptionalString(`infra.environments.${environment}.region`) ??
      'eu-west-1',
    stateBackend:
      config.getOptionalString('infra.terraform.stateBackend') === 'pg'
        ? 'pg'
        : 'local',
  };
}

/** `infra.jobs`: the size and timings of this replica's job worker pool. */
export function readJobWorkerSettings(
  config: RootConfigService,
): JobWorkerSettings {
  const jobs = config.getOptionalConfig('infra.jobs');
  const seconds = (key: string, fallbackMs: number) => {
    const value = jobs?.getOptionalNumber(key);
    return value === undefined ? fallbackMs : value * 1000;
  };
  const d = DEFAULT_JOB_WORKER_SETTINGS;
  return {
    workers: jobs?.getOptionalNumber('workers') ?? d.workers,
    pollIntervalMs: seconds('pollIntervalSeconds', d.pollIntervalMs),
    heartbeatMs: seconds('heartbeatSeconds', d.heartbeatMs),
    staleAfterMs: seconds('staleAfterSeconds', d.staleAfterMs),
    maxPlanAttempts:
      jobs?.getOptionalNumber('maxPlanAttempts') ?? d.maxPlanAttempts,
    shutdownGraceMs: seconds('shutdownGraceSeconds', d.shutdownGraceMs),
  };
}
