import { useEffect } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import { INFRA_SIGNAL_CHANNEL } from '@internal/plugin-infra-common';
import useLatest from 'react-use/esm/useLatest';

/** What the infra backend publishes when a request changes or a log chunk arrives. */
type InfraSignal = { requestId: string; status: string };

/**
 * Calls `onSignal` once per signal on the infra channel; with `requestId`, only for signals
 * about that request.
 */
export function useInfraSignal(onSignal: () => void, requestId?: string) {
  const { lastSignal } = useSignal<InfraSignal>(INFRA_SIGNAL_CHANNEL);
  // The callback is read through a ref: a `retry` from useAsyncRetry changes identity as it
  // loads, and re-running the effect for that would reload again and again on one signal.
  const latest = useLatest(onSignal);
  useEffect(() => {
    if (!lastSignal) return;
    if (requestId === undefined || lastSignal.requestId === requestId) {
      latest.current();
    }
  }, [lastSignal, requestId, latest]);
}
