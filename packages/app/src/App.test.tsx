import { render, screen } from '@testing-library/react';
import { App } from './App';

describe('App', () => {
  it('opens on the dev sign-in page listing the configured users', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            gantry: {
              devSignIn: {
                users: [
                  { name: 'dev', description: 'Developer' },
                  { name: 'alan', description: 'Approver' },
                ],
              },
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(<App />);

    expect(
      await screen.findByRole('button', { name: 'Sign in as dev' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as alan' }),
    ).toBeInTheDocument();
  });
});
