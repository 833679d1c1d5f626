import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  getInitiatorUserCredentials,
  isUserCredentials,
} from './userCredentials';

describe('isUserCredentials', () => {
  it('is true for a user, directly or through a plugin acting for them', () => {
    expect(isUserCredentials(mockCredentials.user())).toBe(true);
    expect(
      isUserCredentials(
        mockCredentials.user('user:default/jane', {
          actor: { subject: 'plugin:scaffolder' },
        }),
      ),
    ).toBe(true);
  });

  it('is false for a service and for nobody', () => {
    expect(isUserCredentials(mockCredentials.service())).toBe(false);
    expect(isUserCredentials(mockCredentials.none())).toBe(false);
  });
});

describe('getInitiatorUserCredentials', () => {
  const auth = mockServices.auth();

  it('returns the credentials of the user who started the task', async () => {
    const credentials = mockCredentials.user('user:default/jane');
    await expect(
      getInitiatorUserCredentials(
        { getInitiatorCredentials: async () => credentials },
        auth,
        'infra:request:submit',
      ),
    ).resolves.toBe(credentials);
  });

  it.each([
    ['a service', mockCredentials.service()],
    ['nobody', mockCredentials.none()],
  ])('refuses a task started by %s', async (_, credentials) => {
    await expect(
      getInitiatorUserCredentials(
        { getInitiatorCredentials: async () => credentials },
        auth,
        'infra:request:submit',
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'infra:request:submit acts on behalf of the user running the template, but this task was not started by a signed-in user',
    });
  });
});
