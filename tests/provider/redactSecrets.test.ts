import { redactSecrets } from "../../provider/redactSecrets";

describe("redactSecrets", () => {
  it("removes secret, restricted and masked keys of both modes", () => {
    expect(redactSecrets("a sk_test_51Habc123 b rk_live_XYZ c sk_test_****abcd d sk_live_q")).toBe(
      "a sk_test_[redacted] b rk_live_[redacted] c sk_test_[redacted] d sk_live_[redacted]",
    );
  });

  it("removes a known secret that does not look like a Stripe key", () => {
    expect(redactSecrets("key=hunter2secret in text", ["hunter2secret"])).toBe("key=[redacted] in text");
  });

  it("removes a masked key of another shape with its last four characters", () => {
    expect(redactSecrets("Invalid API Key provided: **********3456")).toBe("Invalid API Key provided: [redacted]");
  });

  it("leaves other text alone", () => {
    expect(redactSecrets("No such configuration: 'bpc_123'")).toBe("No such configuration: 'bpc_123'");
  });
});
