import { RateLimitGate, sharedRateLimitGate } from "../../provider/rateLimitGate";

/** Runs with a frozen clock that only the test moves, so the schedule is exact. */
function withFakeClock(run: () => Promise<void>): () => Promise<void> {
  return async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      await run();
    } finally {
      jest.useRealTimers();
    }
  };
}

describe("RateLimitGate", () => {
  it(
    "spaces requests evenly at its rate",
    withFakeClock(async () => {
      const gate = new RateLimitGate(50);
      const passed: number[] = [];
      for (let i = 0; i < 4; i++) void gate.wait().then(() => passed.push(i));
      await jest.advanceTimersByTimeAsync(0);
      expect(passed).toEqual([0]);
      await jest.advanceTimersByTimeAsync(19);
      expect(passed).toEqual([0]);
      await jest.advanceTimersByTimeAsync(1);
      expect(passed).toEqual([0, 1]);
      await jest.advanceTimersByTimeAsync(40);
      expect(passed).toEqual([0, 1, 2, 3]);
    }),
  );

  it(
    "holds everyone back during a pause",
    withFakeClock(async () => {
      const gate = new RateLimitGate();
      gate.pause(80);
      const passed: string[] = [];
      void gate.wait().then(() => passed.push("a"));
      void gate.wait().then(() => passed.push("b"));
      await jest.advanceTimersByTimeAsync(79);
      expect(passed).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(passed).toEqual(["a", "b"]);
    }),
  );

  it(
    "lets requests through at once without a rate or pause",
    withFakeClock(async () => {
      const gate = new RateLimitGate();
      await expect(Promise.all(Array.from({ length: 20 }, () => gate.wait()))).resolves.toHaveLength(20);
    }),
  );

  it("shares one gate per mode", () => {
    expect(sharedRateLimitGate("sk_test_a")).toBe(sharedRateLimitGate("rk_test_b"));
    expect(sharedRateLimitGate("sk_live_a")).toBe(sharedRateLimitGate("rk_live_b"));
    expect(sharedRateLimitGate("sk_live_a")).not.toBe(sharedRateLimitGate("sk_test_a"));
  });
});
