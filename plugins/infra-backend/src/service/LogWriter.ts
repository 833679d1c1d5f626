import { LoggerService } from '@backstage/backend-plugin-api';
import { InfraLogLine } from '@internal/plugin-infra-common';
import { InfraStore } from '../database/InfraStore';
import { Clock } from './clock';

const FLUSH_MS = 500;
const MAX_BUFFER = 200;

/**
 * Buffers a request's log lines and writes them to the store in batches, so open pages can
 * follow an apply live and the log survives the process.
 */
export class LogWriter {
  private buffer: Array<Pick<InfraLogLine, 'stream' | 'line'>> = [];
  private timer?: NodeJS.Timeout;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: InfraStore,
    private readonly requestId: string,
    private readonly onFlush: () => void,
    private readonly logger: LoggerService,
    private readonly clock: Clock,
  ) {}

  write = (line: string, stream: InfraLogLine['stream']) => {
    this.buffer.push({ line: line.slice(0, 8000), stream });
    if (this.buffer.length >= MAX_BUFFER) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
    }
  };

  /** Writes what is buffered; resolves when every earlier write is stored. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const lines = this.buffer;
    this.buffer = [];
    if (lines.length > 0) {
      // A failed write loses those lines, never the later ones nor the request itself.
      this.pending = this.pending
        .then(() =>
          this.store.appendLogs(this.requestId, lines, this.clock.now()),
        )
        .then(() => this.onFlush())
        .catch(error =>
          this.logger.warn(
            `Lost ${lines.length} log lines of infra request ${this.requestId}: ${error}`,
          ),
        );
    }
    return this.pending;
  }
}
