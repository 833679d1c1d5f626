import { ReactNode } from 'react';
import { useParams } from 'react-router-dom';

/**
 * The Create page: `list` at `/create` itself, and the scaffolder (`children`: its template
 * wizard, tasks and editor) below it. The scaffolder stays mounted at `/create` in the route
 * tree, so its links (a task's "back", the list's "Choose") resolve as before.
 */
export function CreatePageRoutes(props: {
  list: ReactNode;
  children: ReactNode;
}) {
  const { '*': below } = useParams();
  return <>{below ? props.children : props.list}</>;
}
