import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { decodeCursor, encodeCursor } from '@internal/plugin-api-node';
import {
  AccessRequestsItem,
  AccessRequestsItemPage,
  AccessRequestsItemStatus,
} from '@internal/plugin-access-requests-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { ItemsStore, NewItem } from './ItemsStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-access-requests-backend',
  'migrations',
);

const ITEMS = 'items';

type ItemRow = {
  id: string;
  title: string;
  description: string | null;
  status: AccessRequestsItemStatus;
  created_by: string;
  created_at: Date | number | string;
  approval_id: string | null;
};

// SQLite hands timestamps back as epoch numbers or strings, PostgreSQL as Date.
function toDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function toItem(row: ItemRow): AccessRequestsItem {
  return {
    id: row.id,
    title: row.title,
    ...(row.description !== null && { description: row.description }),
    status: row.status,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at).toISOString(),
    ...(row.approval_id !== null && { approvalId: row.approval_id }),
  };
}

/** {@link ItemsStore} on the plugin's database. */
export class DatabaseItemsStore implements ItemsStore {
  /** Runs the migrations (unless the database service skips them) and opens the store. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseItemsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseItemsStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async create(item: NewItem): Promise<AccessRequestsItem> {
    const row: ItemRow = {
      id: randomUUID(),
      title: item.title,
      description: item.description ?? null,
      status: 'draft',
      created_by: item.createdBy,
      created_at: new Date(),
      approval_id: null,
    };
    await this.db<ItemRow>(ITEMS).insert(row);
    return toItem(row);
  }

  async get(id: string): Promise<AccessRequestsItem | undefined> {
    const row = await this.db<ItemRow>(ITEMS).where({ id }).first();
    return row ? toItem(row) : undefined;
  }

  async list(options: {
    limit: number;
    cursor?: string;
  }): Promise<AccessRequestsItemPage> {
    const query = this.db<ItemRow>(ITEMS)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      // One more than asked, to know whether there is a next page.
      .limit(options.limit + 1);
    if (options.cursor) {
      const after = decodeCursor(options.cursor);
      const at = new Date(after.t);
      query.where(q =>
        q
          .where('created_at', '<', at)
          .orWhere(q2 => q2.where('created_at', at).andWhere('id', '<', after.id)),
      );
    }
    const rows = await query;
    const page = rows.slice(0, options.limit).map(toItem);
    const last = page[page.length - 1];
    return {
      items: page,
      ...(rows.length > options.limit &&
        last && {
          nextCursor: encodeCursor({
            t: new Date(last.createdAt).getTime(),
            id: last.id,
          }),
        }),
    };
  }

  async claimForApproval(id: string): Promise<AccessRequestsItem | undefined> {
    const updated = await this.db<ItemRow>(ITEMS)
      .where({ id, status: 'draft' })
      .update({ status: 'awaiting-approval', approval_id: null });
    return updated ? this.get(id) : undefined;
  }

  async linkApproval(id: string, approvalId: string): Promise<void> {
    await this.db<ItemRow>(ITEMS)
      .where({ id, status: 'awaiting-approval' })
      .update({ approval_id: approvalId });
  }

  async releaseClaim(id: string): Promise<void> {
    await this.db<ItemRow>(ITEMS)
      .where({ id, status: 'awaiting-approval', approval_id: null })
      .update({ status: 'draft' });
  }

  async backToDraft(approvalId: string): Promise<AccessRequestsItem | undefined> {
    return this.transition(approvalId, 'draft');
  }

  async publish(approvalId: string): Promise<AccessRequestsItem | undefined> {
    return this.transition(approvalId, 'published');
  }

  // Only an item still waiting for this very approval moves, so a repeated or late event
  // changes nothing.
  private async transition(
    approvalId: string,
    status: AccessRequestsItemStatus,
  ): Promise<AccessRequestsItem | undefined> {
    const row = await this.db<ItemRow>(ITEMS)
      .where({ approval_id: approvalId })
      .first();
    if (!row) return undefined;
    const updated = await this.db<ItemRow>(ITEMS)
      .where({ id: row.id, status: 'awaiting-approval', approval_id: approvalId })
      .update({
        status,
        // A draft may ask again; the old approval no longer covers it.
        approval_id: status === 'draft' ? null : approvalId,
      });
    return updated ? this.get(row.id) : undefined;
  }
}
