import { tableCaption } from '../../../src/frontend/admin/table/caption';

test.each([
  [{ shown: 5, loaded: 5, total: 5, filtered: false }, '5 properties'],
  [{ shown: 1, loaded: 1, total: 1, filtered: false }, '1 property'],
  [{ shown: 2, loaded: 5, total: 5, filtered: true }, '2 of 5 properties'],
  [{ shown: 25, loaded: 25, total: 1000, filtered: false }, '25 of 1,000 properties loaded'],
  [{ shown: 3, loaded: 125, total: 1000, filtered: true }, '3 matching, 125 of 1,000 properties loaded'],
])('%o → %p', (counts, caption) => {
  expect(tableCaption(counts)).toBe(caption);
});
