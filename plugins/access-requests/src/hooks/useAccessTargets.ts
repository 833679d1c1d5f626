import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { accessRequestsApiRef } from '../api/AccessRequestsApi';

/** What may be asked for (`GET /targets`), and their titles by id for the tables. */
export function useAccessTargets() {
  const api = useApi(accessRequestsApiRef);
  const state = useAsync(() => api.listTargets(), [api]);
  const titles = useMemo(
    () => new Map((state.value?.items ?? []).map(t => [t.id, t.title])),
    [state.value],
  );
  return { ...state, targets: state.value?.items, titles };
}
