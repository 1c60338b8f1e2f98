import { describe, expect, it } from "vitest";
import { createDeferred } from "./createDeferred.ts";

describe("createDeferred", () => {
  it("runs nothing until drained, then every job once, in the order queued", () => {
    const ran: number[] = [];
    const deferred = createDeferred();
    for (const n of [1, 2, 3]) deferred.defer(() => ran.push(n));
    expect(ran).toEqual([]);
    deferred.drain();
    deferred.drain();
    expect(ran).toEqual([1, 2, 3]);
  });

  it("leaves a job queued while draining for the next drain", () => {
    const ran: string[] = [];
    const deferred = createDeferred();
    deferred.defer(() => {
      ran.push("a");
      deferred.defer(() => ran.push("b"));
    });
    deferred.drain();
    expect(ran).toEqual(["a"]);
    deferred.drain();
    expect(ran).toEqual(["a", "b"]);
  });
});
