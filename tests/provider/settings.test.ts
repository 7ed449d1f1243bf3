import { ConfigReader, describeApiKeySource, resolveSettings, SETTING_SOURCES } from "../../provider/settings";

const KEY = "sk_test_settings_secret_2468";
const OTHER = "sk_test_settings_other_1357";
const stack = (config: Record<string, string>): ConfigReader => ({ get: (name) => config[name] });

describe("resolveSettings records where the key came from", () => {
  it.each([
    ["the stack config", stack({ "stripe:apiKey": KEY }), {}, { apiKey: KEY, apiKeySource: "config" }],
    ["the stack config, over the environment", stack({ "stripe:apiKey": KEY }), { STRIPE_API_KEY: OTHER }, { apiKey: KEY, apiKeySource: "config" }],
    ["the environment, when the stack config has no key", stack({}), { STRIPE_API_KEY: KEY }, { apiKey: KEY, apiKeySource: "env" }],
    ["the environment, without a stack", undefined, { STRIPE_API_KEY: KEY }, { apiKey: KEY, apiKeySource: "env" }],
    ["nowhere", stack({}), {}, { apiKey: undefined, apiKeySource: undefined }],
    ["nowhere, when the environment's key is empty", undefined, { STRIPE_API_KEY: "" }, { apiKey: undefined, apiKeySource: undefined }],
    ["nowhere, when the stack config's empty key shadows the environment's", stack({ "stripe:apiKey": "" }), { STRIPE_API_KEY: KEY }, { apiKey: undefined, apiKeySource: undefined }],
  ])("%s", (_, config, env, expected) => {
    const { apiKey, apiKeySource, ...rest } = resolveSettings(config, env);
    expect({ apiKey, apiKeySource }).toEqual(expected);
    expect(rest).toEqual({ apiBase: "https://api.stripe.com", apiVersion: expect.any(String), account: undefined });
  });

  it("keeps the key out of every setting but apiKey", () => {
    for (const settings of [resolveSettings(stack({ "stripe:apiKey": KEY }), {}), resolveSettings(undefined, { STRIPE_API_KEY: KEY })]) {
      const { apiKey, ...rest } = settings;
      expect(apiKey).toBe(KEY);
      expect(JSON.stringify(rest)).not.toContain(KEY);
      expect(JSON.stringify(rest)).not.toContain(KEY.slice(-4));
    }
  });
});

describe("describeApiKeySource", () => {
  it("names each place in words, from the one table of names", () => {
    expect(describeApiKeySource("config")).toBe("the Pulumi config stripe:apiKey");
    expect(describeApiKeySource("env")).toBe("the STRIPE_API_KEY environment variable");
    expect(SETTING_SOURCES.apiKey).toEqual({ config: "stripe:apiKey", env: "STRIPE_API_KEY" });
  });
});
