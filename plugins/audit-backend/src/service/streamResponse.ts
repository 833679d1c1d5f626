import { Response } from 'express';

/** Entries joined into one `res.write`: fewer syscalls, and still a bounded buffer. */
const ROWS_PER_WRITE = 100;

/**
 * Writes rows to a response as they come, a batch per write, waiting for the client to drain
 * a full buffer so that a large export keeps memory flat. Stops as soon as the client goes
 * away, which also ends the source (its `return()`), so the store releases its cursor.
 *
 * @returns how many rows were handed to the response, and whether the client left before the end
 */
export async function streamResponse<T>(
  res: Response,
  rows: AsyncIterable<T>,
  toText: (row: T) => string,
  header = '',
): Promise<{ rows: number; disconnected: boolean }> {
  let closed = false;
  const onClose = () => {
    closed = true;
  };
  res.on('close', onClose);

  let written = 0;
  const write = async (chunk: string, rowCount: number) => {
    if (closed || !chunk) return;
    const flushed = res.write(chunk);
    written += rowCount;
    if (!flushed) {
      await new Promise<void>(resolve => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  };

  try {
    await write(header, 0);
    let batch = '';
    let inBatch = 0;
    for await (const row of rows) {
      if (closed) break;
      batch += toText(row);
      inBatch += 1;
      if (inBatch === ROWS_PER_WRITE) {
        await write(batch, inBatch);
        batch = '';
        inBatch = 0;
      }
    }
    await write(batch, inBatch);
    if (!closed) res.end();
    return { rows: written, disconnected: closed };
  } finally {
    res.off('close', onClose);
  }
}
