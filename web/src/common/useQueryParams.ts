// Changing URL query parameters: a filter change goes back to page 1; the region stays. A change
// the user did not make (a default filled in) replaces the history entry instead of adding one.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

export function useQueryParams() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (
      changes: Record<string, string | number | null | undefined>,
      options: { keepPage?: boolean; replace?: boolean } = {},
    ) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!options.keepPage && !('page' in changes)) next.delete('page');
          return next;
        },
        { replace: options.replace },
      );
    },
    [setParams],
  );
  return { params, update };
}
