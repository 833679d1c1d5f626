import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/** A user ref that opens "What can this user do?" for the user. */
export const UserLink = ({ userRef }: { userRef: string }) => {
  const root = useRouteRef(rootRouteRef)();
  const query = new URLSearchParams({ userRef });
  return <Link to={`${root}/user?${query}`}>{userRef}</Link>;
};
