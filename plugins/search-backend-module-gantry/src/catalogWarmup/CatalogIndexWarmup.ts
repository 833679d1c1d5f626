import { LoggerService } from '@backstage/backend-plugin-api';
import { indexTaskId } from '../indexTaskId';

/** The task the catalog collator module schedules in the search plugin. */
export const CATALOG_INDEX_TASK_ID = indexTaskId('software-catalog');

/**
 * Runs the catalog collator as soon as the catalog has settled after a start, instead of
 * leaving search empty until its next scheduled run.
 *
 * The catalog says nothing when it has processed its locations, so each poll reads how many
 * entities it serves. Once that number is above zero and has not moved for `settlePolls`
 * polls, and differs from what the last triggered run saw, the catalog index task is
 * triggered. Nothing is kept but the counts, so a replica that restarts starts over.
 */
export class CatalogIndexWarmup {
  private lastCount = -1;
  private unchangedPolls = 0;
  private indexedCount = -1;

  constructor(
    private readonly options: {
      countEntities: () => Promise<number>;
      triggerIndexing: () => Promise<void>;
      logger: LoggerService;
      settlePolls: number;
    },
  ) {}

  async poll(): Promise<void> {
    const { countEntities, triggerIndexing, logger, settlePolls } =
      this.options;
    const count = await countEntities();
    this.unchangedPolls =
      count === this.lastCount ? this.unchangedPolls + 1 : 0;
    this.lastCount = count;
    if (
      count === 0 ||
      this.unchangedPolls < settlePolls ||
      count === this.indexedCount
    ) {
      return;
    }
    try {
      await triggerIndexing();
      this.indexedCount = count;
      logger.info(`Catalog settled at ${count} entities; indexing it now`);
    } catch (error) {
      // Already running, or not scheduled yet: the next poll tries again.
      logger.debug(`Could not trigger catalog indexing yet: ${error}`);
    }
  }
}
