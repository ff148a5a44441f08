import type { Writable } from 'node:stream';

/** The part of a Node writable stream (an HTTP response, stdout, a file) an export writes to. */
export type ChunkSink = Pick<Writable, 'write' | 'destroyed' | 'once' | 'removeListener'>;

/**
 * Writes every chunk, waiting for `drain` whenever the sink's buffer is full, so a slow reader
 * slows the export down instead of filling memory. `beforeFirstWrite` runs once, just before the
 * first chunk goes out (set the HTTP status and headers there: an error before it can still be
 * answered properly). Stops early, without error, if the sink is closed (the client went away).
 * Does not end the sink.
 */
export async function writeChunks(chunks: AsyncIterable<string>, sink: ChunkSink, beforeFirstWrite?: () => void): Promise<void> {
  let started = false;
  for await (const chunk of chunks) {
    if (!started) {
      started = true;
      beforeFirstWrite?.();
    }
    if (sink.destroyed) return;
    if (!sink.write(chunk)) {
      const open = await drained(sink);
      if (!open) return;
    }
  }
  if (!started) beforeFirstWrite?.();
}

/** Resolves `true` on `drain`, `false` if the sink closes first; rejects on its error. */
function drained(sink: ChunkSink): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onDrain = () => settle(() => resolve(true));
    const onClose = () => settle(() => resolve(false));
    const onError = (error: Error) => settle(() => reject(error));
    const settle = (then: () => void) => {
      sink.removeListener('drain', onDrain);
      sink.removeListener('close', onClose);
      sink.removeListener('error', onError);
      then();
    };
    sink.once('drain', onDrain);
    sink.once('close', onClose);
    sink.once('error', onError);
  });
}
