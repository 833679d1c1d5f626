import { useState } from 'react';
import {
  configApiRef,
  IdentityApi,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import { Button, Grid, Typography } from '@material-ui/core';
import { devSignInStorage } from './devSignInStorage';

/** The auth backend provider id of Gantry's local sign-in. */
const PROVIDER_ID = 'gantry-dev';
const USER_HEADER = 'x-gantry-dev-user';

type DevUser = { name: string; description?: string };

// Sign-out must also forget the picked user, or the page would sign straight back in.
function forgetUserOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      devSignInStorage.clear();
      await identity.signOut();
    },
  };
}

/**
 * Local sign-in without internet: pick one of the sample org's users, and the auth
 * backend's `gantry-dev` provider signs you in as that catalog user.
 */
export const DevSignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const [picked, setPicked] = useState(devSignInStorage.get());
  const users: DevUser[] = (
    config.getOptionalConfigArray('gantry.devSignIn.users') ?? []
  ).map(user => ({
    name: user.getString('name'),
    description: user.getOptionalString('description'),
  }));

  if (picked) {
    return (
      <ProxiedSignInPage
        provider={PROVIDER_ID}
        headers={() => ({ [USER_HEADER]: devSignInStorage.get() ?? picked })}
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgetUserOnSignOut(identity))
        }
        ErrorComponent={({ error }) => (
          <Page themeId="home">
            <Header title="Gantry" subtitle="Local sign-in" />
            <Content>
              <InfoCard title={`Could not sign in as ${picked}`}>
                <Typography paragraph>{error?.message}</Typography>
                <Button
                  variant="contained"
                  color="primary"
                  onClick={() => {
                    devSignInStorage.clear();
                    setPicked(undefined);
                  }}
                >
                  Pick another user
                </Button>
              </InfoCard>
            </Content>
          </Page>
        )}
      />
    );
  }

  return (
    <Page themeId="home">
      <Header title="Gantry" subtitle="Local sign-in: pick a sample user" />
      <Content>
        <ContentHeader title="Who are you today?" />
        <Grid container spacing={3}>
          {users.map(user => (
            <Grid item xs={12} sm={6} md={4} key={user.name}>
              <InfoCard title={user.name} subheader={user.description}>
                <Button
                  variant="contained"
                  color="primary"
                  aria-label={`Sign in as ${user.name}`}
                  onClick={() => {
                    devSignInStorage.set(user.name);
                    setPicked(user.name);
                  }}
                >
                  Sign in as {user.name}
                </Button>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
        {users.length === 0 && (
          <Typography>
            No users are configured under gantry.devSignIn.users.
          </Typography>
        )}
      </Content>
    </Page>
  );
};
