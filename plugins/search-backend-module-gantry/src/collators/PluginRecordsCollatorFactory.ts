import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { Readable } from 'node:stream';
import { fetchPages } from './fetchPages';

type Permission = NonNullable<DocumentCollatorFactory['visibilityPermission']>;

/** Where a plugin's records come from, and how each becomes a search document. */
export type PluginRecordSource<T> = {
  type: string;
  /** The read permission the search backend checks on each result for each reader. */
  visibilityPermission: Permission;
  pluginId: string;
  /** A cursor-paginated list the search plugin's own service token may read in full. */
  path: string;
  pageSize: number;
  toDocument: (record: T) => IndexableDocument;
};

/** Indexes every record of another plugin's list, one page at a time. */
export class PluginRecordsCollatorFactory<T>
  implements DocumentCollatorFactory
{
  readonly type: string;
  readonly visibilityPermission: Permission;

  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
    private readonly source: PluginRecordSource<T>,
  ) {
    this.type = source.type;
    this.visibilityPermission = source.visibilityPermission;
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<IndexableDocument> {
    const { pluginId, path, pageSize, toDocument } = this.source;
    for await (const item of fetchPages(this.deps, {
      pluginId,
      path,
      pageSize,
    })) {
      yield toDocument(item as T);
    }
  }
}
