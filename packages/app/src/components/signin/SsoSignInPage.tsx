import { useCallback, useEffect, useState } from 'react';
import {
  BackstageIdentityResponse,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  UserIdentity,
} from '@backstage/core-components';
import { Button, Grid, Typography } from '@material-ui/core';
import { oidcAuthApiRef } from './oidcAuthApiRef';

// Closing the provider's window is a change of mind, not a failure to report.
const DISMISSED = ['PopupClosedError', 'PopupRejectedError'];

type Phase = 'checking' | 'ready' | 'signing-in';

function titleFor(error: Error): string {
  switch (error.name) {
    case 'NotFoundError':
      return 'Gantry has no user for you';
    case 'NotAllowedError':
      return 'Gantry cannot sign you in';
    default:
      return 'Signing in did not work';
  }
}

/**
 * Sign-in through the company's identity provider. A session from an earlier visit signs in
 * without a click; a person the provider knows but the catalog does not gets the reason, not
 * a blank page.
 */
export const SsoSignInPage = ({ onSignInSuccess }: SignInPageProps) => {
  const authApi = useApi(oidcAuthApiRef);
  const [phase, setPhase] = useState<Phase>('checking');
  const [error, setError] = useState<Error>();

  const finish = useCallback(
    async (response: BackstageIdentityResponse) => {
      const profile = await authApi.getProfile();
      onSignInSuccess(
        UserIdentity.create({ identity: response.identity, authApi, profile }),
      );
    },
    [authApi, onSignInSuccess],
  );

  useEffect(() => {
    let current = true;
    authApi
      .getBackstageIdentity({ optional: true })
      .then(response => (response ? finish(response) : undefined))
      .catch(() => undefined)
      .finally(() => current && setPhase('ready'));
    return () => {
      current = false;
    };
  }, [authApi, finish]);

  const signIn = async () => {
    setError(undefined);
    setPhase('signing-in');
    try {
      const response = await authApi.getBackstageIdentity({
        instantPopup: true,
      });
      if (response) {
        await finish(response);
        return;
      }
    } catch (e) {
      const failure = e instanceof Error ? e : new Error(String(e));
      if (!DISMISSED.includes(failure.name)) setError(failure);
    }
    setPhase('ready');
  };

  if (phase === 'checking') return <Progress />;

  return (
    <Page themeId="home">
      <Header title="Gantry" subtitle="Sign in with your company account" />
      <Content>
        <Grid container justifyContent="center">
          <Grid item xs={12} md={6}>
            {error ? (
              <InfoCard title={titleFor(error)}>
                <Typography paragraph role="alert">
                  {error.message}
                </Typography>
                <Button
                  variant="contained"
                  color="primary"
                  disabled={phase === 'signing-in'}
                  onClick={signIn}
                >
                  Sign in with another account
                </Button>
              </InfoCard>
            ) : (
              <InfoCard title="Single sign-on">
                <Typography paragraph>
                  Gantry signs you in through your company's identity provider,
                  as the catalog user with your email.
                </Typography>
                <Button
                  variant="contained"
                  color="primary"
                  disabled={phase === 'signing-in'}
                  onClick={signIn}
                >
                  Sign in
                </Button>
              </InfoCard>
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
