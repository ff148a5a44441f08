/**
 * What one connection knows of where streams end: stream -> the first revision known not to exist. A forward
 * read from there or beyond would return nothing, so it need not run (a loaded aggregate asks for the events
 * after its cached revision on every command, and almost always there are none).
 *
 * Knowledge comes from this connection's own commits and from its complete forward reads. A commit by any
 * other connection (another process, another store on the same file) changes SQLite's `data_version` as seen
 * by this one, and then everything known is forgotten: whatever is known is true of the file as of the last
 * check or later, and only another connection's commit can make it untrue.
 */
export class StreamEnds {
  private readonly ends = new Map<string, number>();
  private version: number;

  constructor(
    /** `PRAGMA data_version` of the connection: changes when another connection has committed. */
    private readonly dataVersion: () => number,
    private readonly capacity = 50_000,
  ) {
    this.version = dataVersion();
  }

  /** True when the stream is known to have no event at or after `fromRevision`. */
  noneFrom(streamId: string, fromRevision: number): boolean {
    const version = this.dataVersion();
    if (version !== this.version) {
      this.ends.clear();
      this.version = version;
      return false;
    }
    const end = this.ends.get(streamId);
    return end !== undefined && end <= fromRevision;
  }

  /** A forward read from `fromRevision` returned every event of the stream from there on, the last at `lastRevision` (null: none). */
  learnedFromRead(streamId: string, fromRevision: number, lastRevision: number | null): void {
    this.remember(streamId, lastRevision === null ? fromRevision : lastRevision + 1);
  }

  /** This connection committed events to the stream, the last at `lastRevision`. */
  learnedFromCommit(streamId: string, lastRevision: number): void {
    this.remember(streamId, lastRevision + 1);
  }

  private remember(streamId: string, end: number): void {
    this.ends.delete(streamId);
    if (this.ends.size >= this.capacity) this.ends.delete(this.ends.keys().next().value as string);
    this.ends.set(streamId, end);
  }
}
