import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  AuthRequestOptions,
  BackstageIdentityResponse,
} from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { oidcAuthApiRef } from './oidcAuthApiRef';
import { SsoSignInPage } from './SsoSignInPage';

const identity = {
  type: 'user' as const,
  userEntityRef: 'user:default/ada',
  ownershipEntityRefs: ['user:default/ada'],
};

function authApi(
  signIn: () => Promise<BackstageIdentityResponse | undefined>,
  existingSession = false,
): Partial<typeof oidcAuthApiRef.T> {
  return {
    getBackstageIdentity: jest.fn(async (options?: AuthRequestOptions) => {
      if (options?.optional) {
        return existingSession ? { token: 't', identity } : undefined;
      }
      return signIn();
    }),
    getProfile: jest.fn(async () => ({ email: 'ada@gantry.example' })),
    signOut: jest.fn(),
  };
}

function named(name: string, message: string) {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('SsoSignInPage', () => {
  it('signs in with the session of an earlier visit, without a click', async () => {
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[[oidcAuthApiRef, authApi(() => Promise.reject(), true)]]}
      >
        <SsoSignInPage onSignInSuccess={onSignInSuccess} />
      </TestApiProvider>,
    );
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
  });

  it('shows a person the catalog does not know the reason, and lets them try another account', async () => {
    const message =
      'Signed in as nora@gantry.example as far as the identity provider is concerned, but Gantry has no user for you; ask your platform team';
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            oidcAuthApiRef,
            authApi(() => Promise.reject(named('NotFoundError', message))),
          ],
        ]}
      >
        <SsoSignInPage onSignInSuccess={onSignInSuccess} />
      </TestApiProvider>,
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in' }),
    );
    expect(
      await screen.findByText('Gantry has no user for you'),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expect(
      screen.getByRole('button', { name: 'Sign in with another account' }),
    ).toBeEnabled();
    expect(onSignInSuccess).not.toHaveBeenCalled();
  });

  it('says nothing when the person closes the provider window', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            oidcAuthApiRef,
            authApi(() => Promise.reject(named('PopupClosedError', 'closed'))),
          ],
        ]}
      >
        <SsoSignInPage onSignInSuccess={jest.fn()} />
      </TestApiProvider>,
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in' }),
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled(),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
