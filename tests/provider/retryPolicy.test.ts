import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs } from "../../provider/retryPolicy";

describe("isRetryable", () => {
  it.each([
    [{ status: undefined }, true],
    [{ status: 409 }, true],
    [{ status: 429 }, true],
    [{ status: 500 }, true],
    [{ status: 503 }, true],
    [{ status: 400 }, false],
    [{ status: 401 }, false],
    [{ status: 404 }, false],
    [{ status: 400, shouldRetryHeader: "true" }, true],
    [{ status: 500, shouldRetryHeader: "false" }, false],
    [{ status: 429, shouldRetryHeader: "false" }, false],
  ])("%j -> %s", (outcome, expected) => {
    expect(isRetryable(outcome)).toBe(expected);
  });
});

describe("retryDelayMs", () => {
  const policy = { maxRetries: 5, initialDelayMs: 500, maxDelayMs: 5000 };
  it("doubles from the initial delay and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, policy, () => 1))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });
  it("jitters between half and the full delay", () => {
    expect(retryDelayMs(2, policy, () => 0)).toBe(500);
    expect(retryDelayMs(2, policy, () => 0.5)).toBe(750);
  });
  it("has a default policy with retries", () => {
    expect(DEFAULT_RETRY_POLICY.maxRetries).toBeGreaterThanOrEqual(2);
  });
});
