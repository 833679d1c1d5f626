import { useEffect } from 'react';

/** Code a page may need next: a loader downloads and runs it once. */
type CodeLoader = () => Promise<unknown>;

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
 * Loads code that the next page needs a second after this page has loaded, when the browser
 * is idle, one piece at a time, so that the next page waits for its data rather than for its
 * code. A failed load is ignored: the page that needs the code asks for it again.
 */
export function usePageCodePrefetch(loaders: CodeLoader[]) {
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
