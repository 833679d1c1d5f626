import { Suspense } from 'react';
import { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import { TemplateCard } from '@backstage/plugin-scaffolder-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

/** The least a template card renders: no owner, tags or links, so it asks the backend nothing more. */
const blankTemplate: TemplateEntityV1beta3 = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'preload' },
  spec: { type: 'preload', steps: [], parameters: [] },
};

/**
 * Starts loading the Create page's two lazy chunks when the route mounts, without showing
 * anything: the template card's (15 kB) and core-components' markdown renderer (340 kB), which
 * renders the cards' descriptions. Without this each is only asked for once the templates have
 * arrived and the cards have mounted, one after the other.
 */
export function CreatePagePreload() {
  return (
    <div style={{ display: 'none' }} aria-hidden="true">
      {/* Its own boundary: waiting for these chunks must not hold back the page. */}
      <Suspense fallback={null}>
        <MarkdownContent content="" />
        <TemplateCard template={blankTemplate} />
      </Suspense>
    </div>
  );
}
