import { InfoCard, Progress } from '@backstage/core-components';
import { NotAllowedError } from '@backstage/errors';
import { AuditPage } from '@internal/plugin-audit-common';
import { useCallback, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { BackendErrorPanel } from '../errors';
import { AuditTimeline } from './AuditTimeline';

/**
 * A card with the audit timeline of one thing (a request, an entity), newest first, a page
 * at a time. `load` reads a page from the backend that owns the thing and checks the
 * reader's right; `loadKey` names the thing, and a new one starts over. With
 * `hideWhenDenied`, a reader without the right sees no card rather than an error.
 */
export const AuditTimelineCard = ({
  title = 'Audit timeline',
  subheader,
  load,
  loadKey,
  hideWhenDenied = false,
  emptyText,
}: {
  title?: string;
  subheader?: string;
  load: (cursor?: string) => Promise<AuditPage>;
  loadKey: string;
  hideWhenDenied?: boolean;
  emptyText?: string;
}) => {
  // `load` is usually an inline closure; the key says when the thing changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableLoad = useCallback(load, [loadKey]);
  const first = useAsync(() => stableLoad(), [stableLoad]);
  const [more, setMore] = useState<AuditPage[]>([]);
  useEffect(() => setMore([]), [stableLoad]);
  const last = more.length ? more[more.length - 1] : first.value;
  const [moreState, loadMore] = useAsyncFn(async () => {
    if (!last?.nextCursor) return;
    const page = await stableLoad(last.nextCursor);
    setMore(pages => [...pages, page]);
  }, [stableLoad, last]);

  if (hideWhenDenied && first.error instanceof NotAllowedError) return null;
  let body;
  if (first.loading) {
    body = <Progress />;
  } else if (first.error) {
    body = (
      <BackendErrorPanel
        error={first.error}
        title="Could not load the timeline"
      />
    );
  } else {
    body = (
      <>
        <AuditTimeline
          entries={[first.value, ...more].flatMap(page => page?.items ?? [])}
          emptyText={emptyText}
          hasMore={Boolean(last?.nextCursor)}
          loadingMore={moreState.loading}
          onLoadMore={loadMore}
        />
        {moreState.error && (
          <BackendErrorPanel
            error={moreState.error}
            title="Could not load older entries"
          />
        )}
      </>
    );
  }
  return (
    <InfoCard title={title} subheader={subheader}>
      {body}
    </InfoCard>
  );
};
