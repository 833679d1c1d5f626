import { SignalApi } from '@backstage/plugin-signals-react';
import { JsonObject } from '@backstage/types';

/** A {@link SignalApi} for tests: `publish` delivers a message to the channel's subscribers. */
export class MockSignalApi implements SignalApi {
  private readonly listeners = new Map<
    string,
    Set<(message: JsonObject) => void>
  >();

  subscribe<TMessage extends JsonObject = JsonObject>(
    channel: string,
    onMessage: (message: TMessage) => void,
  ) {
    const listener = onMessage as (message: JsonObject) => void;
    const listeners = this.listeners.get(channel) ?? new Set();
    listeners.add(listener);
    this.listeners.set(channel, listeners);
    return {
      unsubscribe: () => {
        listeners.delete(listener);
      },
    };
  }

  /** Delivers `message` to everyone subscribed to `channel`; wrap it in `act` in component tests. */
  publish(channel: string, message: JsonObject) {
    this.listeners.get(channel)?.forEach(listener => listener(message));
  }
}
