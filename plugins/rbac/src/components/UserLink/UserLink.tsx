import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { rootRouteRef } from '../../routes';

/**
 * A user by their catalog name (the ref shows on hover), opening "What can this user do?"
 * for them.
 */
export const UserLink = ({ userRef }: { userRef: string }) => {
  const root = useRouteRef(rootRouteRef)();
  const query = new URLSearchParams({ userRef });
  return (
    <Link to={`${root}/user?${query}`}>
      <EntityDisplayName entityRef={userRef} hideIcon />
    </Link>
  );
};
