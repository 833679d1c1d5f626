/*
 * yarn audit:verify — walks the central audit trail's hash chain in the database the backend
 * is configured with (app-config.yaml, --config, APP_CONFIG_*, loaded as the backend loads
 * them) and names the first broken link. Exit code 0 when intact, 1 when broken, 2 on error.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigSources } from '@backstage/config-loader';
import { stringifyError } from '@backstage/errors';
import { DatabaseAuditStore } from '../DatabaseAuditStore';
import { openAuditDatabase } from '../openAuditDatabase';

// Only problems go to stderr; the verdict is the one line on stdout.
const stderrLogger: LoggerService = {
  error: message => process.stderr.write(`error: ${message}\n`),
  warn: message => process.stderr.write(`warn: ${message}\n`),
  info() {},
  debug() {},
  child: () => stderrLogger,
};

/** Verifies the audit chain and returns the exit code. */
export async function verifyAuditChain(argv: string[]): Promise<number> {
  const config = await ConfigSources.toConfig(
    ConfigSources.default({ argv, watch: false }),
  );
  const knex = await openAuditDatabase({
    config,
    logger: stderrLogger,
    // A one-shot command: the knex pool is destroyed below, no hooks run.
    lifecycle: { addStartupHook() {}, addShutdownHook() {} },
  });
  try {
    const result = await (await DatabaseAuditStore.create({ knex })).verify();
    if (result.ok) {
      process.stdout.write(
        `Audit chain intact: ${result.checked} entries checked\n`,
      );
      return 0;
    }
    process.stdout.write(
      `Audit chain broken at entry #${result.firstBroken?.id}: ${result.firstBroken?.reason} (${result.checked} entries before it intact)\n`,
    );
    return 1;
  } finally {
    await knex.destroy();
  }
}

verifyAuditChain(process.argv).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(
      `Audit chain not verified: ${stringifyError(error)}\n`,
    );
    process.exitCode = 2;
  },
);
