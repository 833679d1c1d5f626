import {
  TerraformRunner,
  describeTerraformError,
} from '@internal/plugin-terraform-node';
import { InfraHealth } from '@internal/plugin-infra-common';
import { Clock } from './clock';

const CACHE_MS = 60_000;

/**
 * Whether this replica can run Terraform, checked with `terraform version` at most once a
 * minute, so the portal can say so before a request fails.
 */
export class TerraformHealth {
  private cached?: { at: number; health: Promise<InfraHealth> };

  constructor(
    private readonly deps: {
      runner: Pick<TerraformRunner, 'version'>;
      binary: string;
      clock: Clock;
    },
  ) {}

  check(): Promise<InfraHealth> {
    const now = this.deps.clock.now().getTime();
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      this.cached = { at: now, health: this.probe() };
    }
    return this.cached.health;
  }

  private async probe(): Promise<InfraHealth> {
    const { runner, binary } = this.deps;
    try {
      return {
        terraform: { available: true, binary, version: await runner.version() },
      };
    } catch (error) {
      return {
        terraform: {
          available: false,
          binary,
          message: describeTerraformError(error),
        },
      };
    }
  }
}
