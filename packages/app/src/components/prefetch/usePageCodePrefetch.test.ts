import { act, renderHook } from '@testing-library/react';
import { AFTER_LOAD_MS, usePageCodePrefetch } from './usePageCodePrefetch';

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

  it('loads nothing until a second after the page has loaded, then each piece in turn', async () => {
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
    renderHook(() => usePageCodePrefetch(loaders));

    await advance(AFTER_LOAD_MS - 100);
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
    ({ unmount } = renderHook(() => usePageCodePrefetch(loaders)));

    await advance(AFTER_LOAD_MS + 1000);
    expect(second).toHaveBeenCalled();
    expect(third).not.toHaveBeenCalled();
  });
});
