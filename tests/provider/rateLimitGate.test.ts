import { RateLimitGate, sharedRateLimitGate } from "../../provider/rateLimitGate";

describe("RateLimitGate", () => {
  it("spaces requests evenly at its rate", async () => {
    const gate = new RateLimitGate(50);
    const start = Date.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 6 }, async () => {
      await gate.wait();
      times.push(Date.now() - start);
    }));
    times.sort((a, b) => a - b);
    // Six requests at 50/s take five gaps of 20 ms.
    expect(times[5]).toBeGreaterThanOrEqual(99);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(18);
  });

  it("holds everyone back during a pause", async () => {
    const gate = new RateLimitGate();
    gate.pause(80);
    const start = Date.now();
    await Promise.all([gate.wait(), gate.wait()]);
    expect(Date.now() - start).toBeGreaterThanOrEqual(78);
  });

  it("lets requests through at once without a rate or pause", async () => {
    // With the clock frozen, any wait on a timer would never end.
    jest.useFakeTimers();
    try {
      const gate = new RateLimitGate();
      await expect(Promise.all(Array.from({ length: 20 }, () => gate.wait()))).resolves.toHaveLength(20);
    } finally {
      jest.useRealTimers();
    }
  });

  it("shares one gate per mode", () => {
    expect(sharedRateLimitGate("sk_test_a")).toBe(sharedRateLimitGate("rk_test_b"));
    expect(sharedRateLimitGate("sk_live_a")).toBe(sharedRateLimitGate("rk_live_b"));
    expect(sharedRateLimitGate("sk_live_a")).not.toBe(sharedRateLimitGate("sk_test_a"));
  });
});
