import { nextWatch, STALLED_AFTER_QUIET_ROUNDS } from '../../../src/jobs/stall';

test('a job is stalled only after the set number of rounds in a row without a new record', () => {
  let watch = nextWatch(undefined, 12).watch;
  expect(watch).toEqual({ records: 12, quietRounds: 0 });
  for (let round = 1; round < STALLED_AFTER_QUIET_ROUNDS; round++) {
    const next = nextWatch(watch, 12);
    expect(next).toEqual({ watch: { records: 12, quietRounds: round }, stalled: false });
    watch = next.watch;
  }
  expect(nextWatch(watch, 12).stalled).toBe(true);
  // One new record starts the count again.
  expect(nextWatch(watch, 13)).toEqual({ watch: { records: 13, quietRounds: 0 }, stalled: false });
});
