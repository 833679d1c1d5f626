import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';

/** How long one use of a grant for a permission stands for the next ones. */
const DEDUPLICATION_MS = 5 * 60_000;

/** How many (grant, permission) pairs are remembered before the old ones are dropped. */
const MAX_REMEMBERED = 10_000;

/**
 * Records each use of a temporary grant as `access-grant-use`: a decision that allows, or
 * allows on conditions, thanks to the grant. A page asks for the same permission many times,
 * so a (grant, permission) pair is recorded once per 5 minutes on each instance. The
 * decision never waits for the record; one that cannot be stored is logged, and recorded at
 * the next use.
 */
export class GrantUseAuditor {
  /** `grantId\0permission` → when it was last recorded, oldest first. */
  private readonly recorded = new Map<string, number>();

  constructor(
    private readonly deps: { auditor: AuditorService; logger: LoggerService },
    private readonly windowMs = DEDUPLICATION_MS,
  ) {}

  /** Records that `user` used each of `grantIds` for `permission`, unless recorded lately. */
  record(grantIds: string[], user: string, permission: string): void {
    const now = Date.now();
    this.forget(now);
    for (const grantId of grantIds) {
      const key = `${grantId}\0${permission}`;
      const last = this.recorded.get(key);
      if (last !== undefined && now - last < this.windowMs) continue;
      this.recorded.delete(key);
      this.recorded.set(key, now);
      this.write({ grantId, user, permission }).catch(error => {
        this.recorded.delete(key);
        this.deps.logger.warn(
          `Could not audit the use of temporary grant ${grantId} by ${user} for ${permission}: ${stringifyError(
            error,
          )}`,
        );
      });
    }
  }

  private async write(meta: {
    grantId: string;
    user: string;
    permission: string;
  }): Promise<void> {
    const event = await this.deps.auditor.createEvent({
      eventId: 'access-grant-use',
      severityLevel: 'medium',
      meta,
    });
    await event.success();
  }

  /** Drops the pairs recorded longer ago than the window, and the oldest beyond the cap. */
  private forget(now: number): void {
    for (const [key, at] of this.recorded) {
      if (now - at < this.windowMs && this.recorded.size < MAX_REMEMBERED) {
        break;
      }
      this.recorded.delete(key);
    }
  }
}
