import { useEffect } from 'react';

/** Code that the first bundle leaves out: a loader downloads and runs it once. */
type CodeLoader = () => Promise<unknown>;

/**
 * The code most pages share that the first bundle leaves out: core-components' Table, which
 * the catalog, Notifications and most of Gantry's own pages render.
 */
export const sharedPageCode: CodeLoader[] = [() => import('./tableCode')];

/**
 * The template wizard's forms: @rjsf, lodash-es, @backstage/ui and the template validator,
 * which compiles its schema with ajv as it loads. Only the wizard needs them, so the Create
 * page loads them for the template its user chooses, not every session.
 */
export const templateWizardCode: CodeLoader[] = [
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
 * Loads code other pages need (by default the code most pages share) a second after the
 * page has loaded, when the browser is idle, one piece at a time, so that the first visit to
 * each page in a session waits for its data rather than for its code. A failed load is
 * ignored: the page that needs the code asks for it again.
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
    // Once per mount: the loaders are fixed, and a module loads only once anyway.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
