/** The dates an article page shows never repeat or contradict each other. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { shownDates } from "../../src/article/view.ts";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("an article's dates", () => {
  it("show Updated only a day or more after Published, and never before it", () => {
    assert.deepEqual(shownDates(day("2025-11-20"), day("2025-11-28")), { created: day("2025-11-20"), updated: day("2025-11-28") });
    assert.deepEqual(shownDates(day("2025-11-28"), day("2025-11-28")), { created: day("2025-11-28") }, "the same date twice");
    assert.deepEqual(shownDates(day("2025-11-28"), new Date("2025-11-28T20:00:00Z")), { created: day("2025-11-28") }, "an edit the same day");
    assert.deepEqual(shownDates(day("2025-11-28"), day("2025-11-20")), { created: day("2025-11-28") }, "an update before the publication");
    assert.deepEqual(shownDates(undefined, day("2025-11-20")), { updated: day("2025-11-20") });
    assert.deepEqual(shownDates(day("2025-11-20"), undefined), { created: day("2025-11-20") });
    assert.deepEqual(shownDates(undefined, undefined), {});
  });
});
