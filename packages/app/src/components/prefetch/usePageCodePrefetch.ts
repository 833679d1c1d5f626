import { useEffect } from 'react';

/** Code a page may need next: a loader downloads (where needed) and runs it once. */
type CodeLoader = () => Promise<unknown>;

/**
 * The code most pages share: core-components' Table, which the catalog, Notifications and
 * most of Gantry's own pages render, but no page of the first bundle does.
 *
 * `webpackMode: "eager"` puts it in the first bundle all the same, to be run only when this
 * loader or a page asks for it. As its own chunk, the first visit to any of those pages
 * waited to download it: in-app right after Home, an A/B of bench:pages (medians of 5,
 * interleaved runs) gave Catalog 453-506 ms with it in the first bundle against 597-624 ms
 * without, Notifications 367-407 against 430-495, and no slower cold Home. The first bundle
 * grows by 118 kB gzipped.
 */
export const sharedPageCode: CodeLoader[] = [
  () => import(/* webpackMode: "eager" */ './tableCode'),
];

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
