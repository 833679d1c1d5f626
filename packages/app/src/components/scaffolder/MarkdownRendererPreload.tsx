import { MarkdownContent } from '@backstage/core-components';

/**
 * Starts loading core-components' lazy markdown renderer (a 340 kB chunk) without showing
 * anything. The Create page's template cards render their descriptions with it; without this
 * the chunk is only asked for once the scaffolder's own chunk has loaded, the templates have
 * arrived and the cards have mounted, one after the other.
 */
export function MarkdownRendererPreload() {
  return (
    <div style={{ display: 'none' }} aria-hidden="true">
      <MarkdownContent content="" />
    </div>
  );
}
