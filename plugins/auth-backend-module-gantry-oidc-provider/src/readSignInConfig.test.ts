import { mockServices } from '@backstage/backend-test-utils';
import { readSignInConfig } from './readSignInConfig';

describe('readSignInConfig', () => {
  it('reads allowed domains from a comma-separated string, as an environment variable gives them', () => {
    expect(
      readSignInConfig(
        mockServices.rootConfig({
          data: {
            gantry: {
              signIn: { allowedDomains: 'Corp.example, gantry.example' },
            },
          },
        }),
      ),
    ).toEqual({ allowedDomains: ['corp.example', 'gantry.example'] });
  });

  it('takes no domains when unset or empty', () => {
    expect(readSignInConfig(mockServices.rootConfig())).toEqual({
      allowedDomains: [],
    });
  });
});
