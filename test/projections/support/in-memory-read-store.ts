import { MemoryReadStore, type DocumentChange, type ProjectionFailure } from '@ikrar/read-store';

/**
 * The library's in-memory ReadStore (a faithful port implementation, checked by the contract suite in
 * `test/read-store`), plus a log of the commits that took effect, for projector tests that look at batch sizes.
 */
export class InMemoryReadStore extends MemoryReadStore {
  /** Every commit that moved a checkpoint, in order. */
  readonly commits: Array<{ generation: number; projection: string; position: number; changes: number; failures: number }> = [];

  override async commit(generation: number, projection: string, changes: readonly DocumentChange[], position: number, failures: readonly ProjectionFailure[] = []): Promise<void> {
    const before = (await this.checkpoint(generation, projection)).position;
    await super.commit(generation, projection, changes, position, failures);
    if (before === null || before < position) this.commits.push({ generation, projection, position, changes: changes.length, failures: failures.length });
  }
}
