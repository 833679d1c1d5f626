import { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { MemoryRouter, useNavigate } from 'react-router-dom';
import {
  AFTER_LOAD_MS,
  AFTER_NAVIGATION_MS,
  usePageCodePrefetch,
} from './usePageCodePrefetch';

describe('usePageCodePrefetch', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** Runs timers and the promise callbacks they release, a few rounds deep. */
  async function advance(ms: number) {
    for (let i = 0; i < 5; i++) {
      await act(async () => {
        jest.advanceTimersByTime(ms / 5);
      });
    }
  }

  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter
      initialEntries={['/']}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      {children}
    </MemoryRouter>
  );

  /** Prefetches with `loaders`; the result navigates as a sidebar link does. */
  function renderPrefetch(loaders: Array<() => Promise<unknown>>) {
    return renderHook(
      () => {
        usePageCodePrefetch(loaders);
        return useNavigate();
      },
      { wrapper },
    );
  }

  it('loads nothing until the page has loaded and been on screen a while, then each piece in turn', async () => {
    expect(AFTER_NAVIGATION_MS).toBeGreaterThan(AFTER_LOAD_MS);
    const order: string[] = [];
    let finishFirst: () => void = () => {};
    const loaders = [
      jest.fn(() => {
        order.push('first');
        return new Promise<void>(resolve => {
          finishFirst = resolve;
        });
      }),
      jest.fn(async () => {
        order.push('second');
      }),
    ];
    renderPrefetch(loaders);

    await advance(AFTER_NAVIGATION_MS - 100);
    expect(order).toEqual([]);

    await advance(400);
    expect(order).toEqual(['first']);
    // One piece at a time: the next waits for the one before.
    await advance(1000);
    expect(order).toEqual(['first']);

    await act(async () => finishFirst());
    await advance(400);
    expect(order).toEqual(['first', 'second']);
  });

  it('waits for a page the user just opened before the next piece', async () => {
    const order: string[] = [];
    const loaders = ['first', 'second'].map(name =>
      jest.fn(async () => {
        order.push(name);
      }),
    );
    const { result } = renderPrefetch(loaders);

    await advance(AFTER_NAVIGATION_MS - 500);
    act(() => result.current('/create'));
    // Counted from the navigation, not from the first page.
    await advance(AFTER_NAVIGATION_MS - 500);
    expect(order).toEqual([]);
    await advance(1000);
    expect(order).toEqual(['first', 'second']);

    // A page opened later holds back nothing that already loaded, and nothing breaks.
    act(() => result.current('/catalog'));
    await advance(AFTER_NAVIGATION_MS + 500);
    expect(order).toEqual(['first', 'second']);
  });

  it('goes on after a piece that fails to load, and stops when unmounted', async () => {
    const second = jest.fn(async () => {});
    const third = jest.fn(async () => {});
    let unmount: () => void = () => {};
    const loaders = [
      jest.fn(async () => {
        throw new Error('chunk failed');
      }),
      jest.fn(async () => {
        await second();
        unmount();
      }),
      third,
    ];
    ({ unmount } = renderPrefetch(loaders));

    await advance(AFTER_NAVIGATION_MS + 2000);
    expect(second).toHaveBeenCalled();
    expect(third).not.toHaveBeenCalled();
  });
});
