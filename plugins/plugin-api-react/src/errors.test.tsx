import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { NotAllowedError, ResponseError } from '@backstage/errors';
import { BackendErrorPanel, errorMessageOf } from './errors';

const serverStack = 'NotFoundError: No request r1\n    at router.ts:120:13';

const notFound = () =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'No request r1',
          stack: serverStack,
        },
        request: { method: 'GET', url: '/requests/r1' },
        response: { statusCode: 404 },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );

describe('errorMessageOf', () => {
  it("gives a ResponseError's server reason rather than its status line", async () => {
    const error = await notFound();
    expect(error.message).toBe('Request failed with 404 Not Found');
    expect(errorMessageOf(error)).toBe('No request r1');
  });

  it('gives the message of any other error', () => {
    expect(
      errorMessageOf(
        new NotAllowedError('You are not allowed to do this: no way'),
      ),
    ).toBe('You are not allowed to do this: no way');
    expect(errorMessageOf('plain')).toBe('plain');
  });
});

describe('BackendErrorPanel', () => {
  it('shows the reason, not the stack trace nor the error body', async () => {
    const { container } = await renderInTestApp(
      <BackendErrorPanel error={await notFound()} />,
    );
    expect(screen.getAllByText(/No request r1/).length).toBeGreaterThan(0);
    expect(container.textContent).not.toContain('router.ts');
    expect(container.textContent).not.toContain('Request failed');
    expect(container.textContent).not.toContain('Stack Trace');
    expect(container.textContent).not.toContain('"statusCode"');
  });

  it('shows no stack trace for an error that has one of its own', async () => {
    const { container } = await renderInTestApp(
      <BackendErrorPanel error={new Error('Boom in the browser')} />,
    );
    expect(screen.getAllByText(/Boom in the browser/).length).toBeGreaterThan(
      0,
    );
    expect(container.textContent).not.toContain('Stack Trace');
    expect(container.textContent).not.toContain('errors.test');
  });
});
