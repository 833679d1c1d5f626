import { accessRequest } from '../__testUtils__';
import { nextReadDelay } from './useAccessRequestList';

const now = Date.parse('2026-11-29T12:00:00.000Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('nextReadDelay', () => {
  it('reads again shortly after the next active grant ends', () => {
    expect(
      nextReadDelay(
        [
          accessRequest({ status: 'active', expiresAt: at(60_000) }),
          accessRequest({ status: 'active', expiresAt: at(20_000) }),
        ],
        now,
      ),
    ).toBe(22_000);
  });

  it('reads again every 10 s while an ended grant still shows active', () => {
    expect(
      nextReadDelay(
        [accessRequest({ status: 'active', expiresAt: at(-1_000) })],
        now,
      ),
    ).toBe(10_000);
  });

  it('reads again every 15 s while a request waits for its decision', () => {
    expect(nextReadDelay([accessRequest({ status: 'pending' })], now)).toBe(
      15_000,
    );
  });

  it('looks at a grant of days hourly rather than overflowing the timer', () => {
    expect(
      nextReadDelay(
        [accessRequest({ status: 'active', expiresAt: at(30 * 86_400_000) })],
        now,
      ),
    ).toBe(3_600_000);
  });

  it('does not read again when nothing changes on its own', () => {
    expect(
      nextReadDelay(
        [
          accessRequest({ status: 'expired' }),
          accessRequest({ status: 'revoked' }),
          accessRequest({ status: 'cancelled' }),
        ],
        now,
      ),
    ).toBeUndefined();
  });
});
