import {
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { Knex } from 'knex';

/**
 * Opens the `audit` plugin's database the way the core database service does, from the
 * root config: for the root-scoped audit store, and for tools such as `yarn audit:verify`.
 */
export async function openAuditDatabase(options: {
  config: RootConfigService;
  logger: LoggerService;
  lifecycle: LifecycleService;
}): Promise<Knex> {
  const database = DatabaseManager.fromConfig(options.config).forPlugin(
    'audit',
    {
      logger: options.logger.child({ plugin: 'audit' }),
      lifecycle: options.lifecycle,
    },
  );
  return database.getClient();
}
