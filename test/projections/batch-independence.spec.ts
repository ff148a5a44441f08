import { createProjections } from '@ikrar/projections';
import { bigStory } from './support/big-story';
import { fold } from './support/fold';

describe('the documents do not depend on how the log is cut into batches', () => {
  it('a few thousand events of every type: one batch, one event per batch, batches of 37, and the whole log fed twice agree', async () => {
    const { events } = bigStory();
    const projections = createProjections();
    const whole = await fold(projections, events, events.length);
    expect(whole.failures).toEqual([]);
    expect((await fold(projections, events, 1)).docs).toEqual(whole.docs);
    expect((await fold(projections, events, 37)).docs).toEqual(whole.docs);
    expect((await fold(projections, events, 500, whole.docs)).docs).toEqual(whole.docs);
  });
});
