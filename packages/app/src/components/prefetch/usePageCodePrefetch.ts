import { useEffect } from 'react';

/**
 * The code pages share that the first bundle leaves out, what most pages need first: each
 * loader downloads and runs it once, after which a page that needs it finds it ready.
 */
export const sharedPageCode: Array<() => Promise<unknown>> = [
  // core-components' Table: the catalog, Notifications and most of Gantry's own pages.
  () => import('./tableCode'),
  // The template wizard's forms and @rjsf, with lodash-es and @backstage/ui: only the wizard
  // needs them, since the Create page's list is Gantry's own.
  () => import('@backstage/plugin-scaffolder-react/alpha'),
];

/** How long after the window's load event to wait before the first loader. */
export const AFTER_LOAD_MS = 1000;

function afterLoad(): Promise<void> {
  return new Promise(resolve => {
    const wait = () => setTimeout(resolve, AFTER_LOAD_MS);
    if (document.readyState === 'complete') {
      wait();
    } else {
      window.addEventListener('load', wait, { once: true });
    }
  });
}

function whenIdle(): Promise<void> {
  return new Promise(resolve => {
    if (typeof window.requestIdleCallback === 'function') {
      window.requestIdleCallback(() => resolve(), { timeout: 5000 });
    } else {
      setTimeout(resolve, 50);
    }
  });
}

/**
 * Loads the code the portal's other pages share once the first page has loaded and the
 * browser is idle, one piece at a time, so that the first visit to each page in a session
 * waits for its data rather than for its code. A failed load is ignored: the page that needs
 * the code asks for it again.
 */
export function usePageCodePrefetch(loaders = sharedPageCode) {
  useEffect(() => {
    let cancelled = false;
    (async () => {
      await afterLoad();
      for (const load of loaders) {
        await whenIdle();
        if (cancelled) {
          return;
        }
        await load().catch(() => undefined);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Once per session: the loaders are fixed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
