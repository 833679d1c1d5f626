import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { rbacApiRef } from '../../api/RbacApi';

const SUGGESTIONS = 10;

/** Up to ten user refs containing `text`, from the matrix's user filter. */
export function useUserSuggestions(text: string): string[] {
  const api = useApi(rbacApiRef);
  const [query, setQuery] = useState(text.trim());
  useDebounce(() => setQuery(text.trim()), 300, [text]);
  const { value } = useAsync(async () => {
    if (!query) return [];
    const matrix = await api.getMatrix({ q: query, limit: SUGGESTIONS });
    return matrix.rows.map(row => row.userRef);
  }, [api, query]);
  // A failed suggestion is no error to show: a full ref can still be typed.
  return value ?? [];
}
