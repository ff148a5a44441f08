import { MemoryReadStore } from '@ikrar/read-store';
import { describeReadStoreContract } from './read-store.contract';

describeReadStoreContract('in memory', async () => {
  // One store per test: "reopening" hands back the same store, whose data lives as long as it does.
  const store = new MemoryReadStore();
  return {
    open: async () => store,
    teardown: async () => store.close(),
  };
});
