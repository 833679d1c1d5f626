import { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { MockSignalApi } from './testUtils';
import { useSignalReload } from './useSignalReload';

type Message = { requestId: string };

const CHANNEL = 'gantry-test';

function renderWithSignals<TProps, TResult>(
  hook: (props: TProps) => TResult,
  initialProps?: TProps,
) {
  const signals = new MockSignalApi();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[signalApiRef, signals]]}>
      {children}
    </TestApiProvider>
  );
  const rendered = renderHook(hook, { wrapper, initialProps });
  return { ...rendered, signals };
}

// Answers on a timer, as a backend would, so a reload loop cannot starve the test.
const slowLoad = () =>
  jest.fn(() => new Promise(resolve => setTimeout(() => resolve('value'), 1)));

// Gives a reload loop time to show itself.
const settle = () => act(() => new Promise(resolve => setTimeout(resolve, 50)));

describe('useSignalReload', () => {
  it('reloads a useAsyncRetry once per signal, though retry changes as it loads', async () => {
    const load = slowLoad();
    const { result, signals } = renderWithSignals(() => {
      const state = useAsyncRetry(load, []);
      useSignalReload(CHANNEL, state.retry);
      return state;
    });
    await waitFor(() => expect(result.current.value).toBe('value'));
    expect(load).toHaveBeenCalledTimes(1);

    act(() => signals.publish(CHANNEL, { requestId: 'r1' }));
    await waitFor(() =>
      expect(load.mock.calls.length).toBeGreaterThanOrEqual(2),
    );
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('passes the message, skips those the filter rejects, and ignores other channels', async () => {
    const onSignal = jest.fn();
    const { signals } = renderWithSignals(() =>
      useSignalReload<Message>(
        CHANNEL,
        onSignal,
        message => message.requestId === 'r1',
      ),
    );

    act(() => signals.publish(CHANNEL, { requestId: 'r2' }));
    act(() => signals.publish('gantry-other', { requestId: 'r1' }));
    expect(onSignal).not.toHaveBeenCalled();

    act(() => signals.publish(CHANNEL, { requestId: 'r1' }));
    expect(onSignal).toHaveBeenCalledTimes(1);
    expect(onSignal).toHaveBeenCalledWith({ requestId: 'r1' });
  });

  it('calls the latest callbacks, and only when a message arrives', async () => {
    const first = jest.fn();
    const { signals, rerender } = renderWithSignals(
      ({ onSignal, id }: { onSignal: () => void; id: string }) =>
        useSignalReload<Message>(
          CHANNEL,
          onSignal,
          message => message.requestId === id,
        ),
      { onSignal: first, id: 'r1' },
    );
    act(() => signals.publish(CHANNEL, { requestId: 'r1' }));
    expect(first).toHaveBeenCalledTimes(1);

    const second = jest.fn();
    rerender({ onSignal: second, id: 'r1' });
    rerender({ onSignal: second, id: 'r2' });
    await settle();
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();

    act(() => signals.publish(CHANNEL, { requestId: 'r2' }));
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
  });
});
