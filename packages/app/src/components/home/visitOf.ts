import { stringifyEntityRef } from '@backstage/catalog-model';
import type { VisitInput } from '@backstage/plugin-home';

const entityPage = /^\/catalog\/([^/]+)\/([^/]+)\/([^/]+)/;

/**
 * What "Recently visited" records for a page, or nothing for Home, which shows the list.
 * - An entity's page: the entity's name and ref, as upstream records it.
 * - Any other page: its title as the browser tab shows it ("My infrastructure | Gantry"),
 *   up to the first " | " (the page's own header title; further parts are sections and the
 *   app's name). A title without one falls back to the path's last segment.
 */
export function visitOf(
  pathname: string,
  documentTitle: string,
): VisitInput | undefined {
  if (pathname === '/') return undefined;
  const entity = entityPage.exec(pathname);
  if (entity) {
    const [, namespace, kind, name] = entity.map(decodeURIComponent);
    return {
      name,
      pathname,
      entityRef: stringifyEntityRef({ kind, namespace, name }),
    };
  }
  const [title, ...rest] = documentTitle.split(' | ');
  const fromPath = decodeURIComponent(
    pathname.split('/').filter(Boolean).pop() ?? pathname,
  );
  return {
    name: rest.length && title.trim() ? title.trim() : fromPath,
    pathname,
  };
}
