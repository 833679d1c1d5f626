import { useEffect } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import { JsonObject } from '@backstage/types';
import useLatest from 'react-use/esm/useLatest';

/**
 * Calls `onSignal` once for each message on the signals `channel` that passes `filter`,
 * typically the `retry` of a `useAsyncRetry` so a view reloads when its backend says it changed.
 */
export function useSignalReload<TMessage extends JsonObject = JsonObject>(
  channel: string,
  onSignal: (message: TMessage) => void,
  filter?: (message: TMessage) => boolean,
): void {
  const { lastSignal } = useSignal<TMessage>(channel);
  // The callbacks are read through refs, so only a new message runs the effect: `retry` from
  // useAsyncRetry changes identity as it loads, and re-running the effect for that would call
  // it again for the same message, reloading again and again.
  const latestOnSignal = useLatest(onSignal);
  const latestFilter = useLatest(filter);
  useEffect(() => {
    if (!lastSignal) return;
    if (latestFilter.current && !latestFilter.current(lastSignal)) return;
    latestOnSignal.current(lastSignal);
  }, [lastSignal, latestOnSignal, latestFilter]);
}
