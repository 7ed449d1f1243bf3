import { RateLimitGate, sharedRateLimitGate, WINDOW_MS } from "../../provider/rateLimitGate";
import { ManualClock } from "./manualClock";

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

/** Sends `count` requests answered at once; `passed` lists, in order, the ones the gate let out. */
function queue(gate: RateLimitGate, count: number, passed: number[], first = 0): void {
  for (let i = first; i < first + count; i++) void gate.send(async () => void passed.push(i));
}

/** The most sends found inside any one window (a window is `WINDOW_MS` long, its start excluded). */
function mostInAnyWindow(sentAt: number[]): number {
  return Math.max(0, ...sentAt.map((end) => sentAt.filter((at) => at > end - WINDOW_MS && at <= end).length));
}

describe("RateLimitGate", () => {
  it(
    "lets its limit out at once, and no more",
    withFakeClock(async () => {
      const gate = new RateLimitGate(3);
      const passed: number[] = [];
      queue(gate, 4, passed);
      await jest.advanceTimersByTimeAsync(0);
      expect(passed).toEqual([0, 1, 2]);
    }),
  );

  it(
    "holds the next request until the oldest leaves the window",
    withFakeClock(async () => {
      const gate = new RateLimitGate(3);
      const passed: number[] = [];
      queue(gate, 1, passed, 0);
      await jest.advanceTimersByTimeAsync(100);
      queue(gate, 1, passed, 1);
      await jest.advanceTimersByTimeAsync(100);
      queue(gate, 3, passed, 2);
      await jest.advanceTimersByTimeAsync(0);
      expect(passed).toEqual([0, 1, 2]);
      // Sent (and answered) at 0, 100 and 200: the fourth may go when the one at 0 leaves, at 1000.
      await jest.advanceTimersByTimeAsync(799);
      expect(passed).toEqual([0, 1, 2]);
      await jest.advanceTimersByTimeAsync(1);
      expect(passed).toEqual([0, 1, 2, 3]);
      // The fifth waits for the one at 100.
      await jest.advanceTimersByTimeAsync(99);
      expect(passed).toEqual([0, 1, 2, 3]);
      await jest.advanceTimersByTimeAsync(1);
      expect(passed).toEqual([0, 1, 2, 3, 4]);
    }),
  );

  it(
    "counts a request until a window after its answer or failure, since Stripe may have counted it as late as that",
    withFakeClock(async () => {
      const gate = new RateLimitGate(1);
      let fail = () => {};
      void gate.send(() => new Promise<void>((_, reject) => (fail = () => reject(new Error("connection reset"))))).catch(() => {});
      const passed: number[] = [];
      queue(gate, 1, passed);
      await jest.advanceTimersByTimeAsync(5000);
      expect(passed).toEqual([]);
      fail();
      await jest.advanceTimersByTimeAsync(999);
      expect(passed).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(passed).toEqual([0]);
    }),
  );

  it("lets no more than its limit out in any window when a stalled event loop wakes every waiter late", async () => {
    // Fake timers always fire on time; a stall is a late wake-up, which a clock that jumps shows.
    const clock = new ManualClock();
    const gate = new RateLimitGate(3, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 20; i++) void gate.send(async () => void sentAt.push(clock.now()));
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    await turn();
    for (const step of [2500, 10, 990, 1, 3000, 400, 700]) {
      clock.advance(step);
      await turn();
    }
    expect(sentAt).toEqual([0, 0, 0, 2500, 2500, 2500, 3500, 3500, 3500, 6501, 6501, 6501, 7601, 7601, 7601]);
    expect(mostInAnyWindow(sentAt)).toBe(3);
  });

  it(
    "holds everyone back during a pause, then paces them",
    withFakeClock(async () => {
      const gate = new RateLimitGate(2);
      gate.pause(80);
      const passed: number[] = [];
      queue(gate, 3, passed);
      await jest.advanceTimersByTimeAsync(79);
      expect(passed).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(passed).toEqual([0, 1]);
      await jest.advanceTimersByTimeAsync(999);
      expect(passed).toEqual([0, 1]);
      await jest.advanceTimersByTimeAsync(1);
      expect(passed).toEqual([0, 1, 2]);
    }),
  );

  it(
    "holds everyone back during a pause even without a limit, and a shorter pause does not shorten it",
    withFakeClock(async () => {
      const gate = new RateLimitGate();
      gate.pause(80);
      gate.pause(10);
      const passed: number[] = [];
      queue(gate, 2, passed);
      await jest.advanceTimersByTimeAsync(79);
      expect(passed).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(passed).toEqual([0, 1]);
    }),
  );

  it(
    "lets requests out at once without a limit or pause, and hands back their answers",
    withFakeClock(async () => {
      const gate = new RateLimitGate();
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => gate.send(async () => i)));
      expect(answers).toEqual(Array.from({ length: 30 }, (_, i) => i));
    }),
  );

  it("shares one gate per mode", () => {
    expect(sharedRateLimitGate("sk_test_a")).toBe(sharedRateLimitGate("rk_test_b"));
    expect(sharedRateLimitGate("sk_live_a")).toBe(sharedRateLimitGate("rk_live_b"));
    expect(sharedRateLimitGate("sk_live_a")).not.toBe(sharedRateLimitGate("sk_test_a"));
    expect(sharedRateLimitGate(undefined)).toBe(sharedRateLimitGate("sk_test_a"));
  });
});
