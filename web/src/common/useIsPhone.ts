// True on phone-width screens (< 576 px, antd's `sm` breakpoint), known on the first render.
import { useSyncExternalStore } from 'react';

const query = '(max-width: 575.98px)';

function subscribe(onChange: () => void) {
  const media = window.matchMedia(query);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export function useIsPhone(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
