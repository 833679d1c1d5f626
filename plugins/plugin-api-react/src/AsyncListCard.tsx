import { ReactNode } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { List, ListItem, Typography } from '@material-ui/core';
import { BackendErrorPanel } from './errors';

/**
 * A card of a short list loaded from a backend, as the home page shows them: a progress bar
 * on the first load, the backend's error, a sentence when the list is empty, else the items.
 */
export function AsyncListCard<T>(props: {
  title: string;
  subheader?: ReactNode;
  deepLink: { title: string; link: string };
  state: { loading: boolean; error?: Error; value?: { items: T[] } };
  emptyText: string;
  itemKey: (item: T) => string;
  /** The content of one item's `ListItem`. */
  renderItem: (item: T) => ReactNode;
}) {
  const { title, subheader, deepLink, state, emptyText, itemKey, renderItem } =
    props;
  let content;
  if (state.loading && !state.value) {
    content = <Progress />;
  } else if (state.error) {
    content = <BackendErrorPanel error={state.error} />;
  } else if (!state.value?.items.length) {
    content = <Typography>{emptyText}</Typography>;
  } else {
    content = (
      <List dense disablePadding>
        {state.value.items.map(item => (
          <ListItem key={itemKey(item)} disableGutters>
            {renderItem(item)}
          </ListItem>
        ))}
      </List>
    );
  }
  return (
    <InfoCard title={title} subheader={subheader} deepLink={deepLink}>
      {content}
    </InfoCard>
  );
}
