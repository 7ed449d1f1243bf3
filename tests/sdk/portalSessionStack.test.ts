import * as pulumi from "@pulumi/pulumi";
import { Emulator, startEmulator } from "../../emulator";
import { createConfiguration } from "../../provider/configurationsApi";
import { StripeClient } from "../../provider/stripeClient";
import { createPortalSession, PortalSession } from "../../sdk";

/**
 * `createPortalSession` in a Pulumi program: `configuration: config.id` is an Output, the settings
 * come from the stack config as the provider's do, and a preview sends nothing.
 */
const STACK_KEY = "sk_test_stack_config_key_4242";
const STACK_ACCOUNT = "acct_1StackConfig";
/** Everything the environment could offer, all wrong: a live key the emulator refuses, a base with no one listening. */
const WRONG_ENV = { STRIPE_API_KEY: "sk_live_environment_key_9999", STRIPE_API_BASE: "http://127.0.0.1:9", STRIPE_API_VERSION: "2020-08-27", STRIPE_ACCOUNT: "acct_1Environment" };
const SETTING_VARIABLES = Object.keys(WRONG_ENV);

let emulator: Emulator;
/** An active configuration with a default return URL, on the platform and on the stack's connected account. */
let platformConfiguration: string;
let connectedConfiguration: string;
/** The configuration id the mocked resource answers, as `config.id` is after the first `up`. */
let mockedId: string;

const mocks: pulumi.runtime.Mocks = {
  newResource: () => ({ id: mockedId, state: {} }),
  call: (args) => args.inputs,
};

/** A resource whose id is known, as a `PortalConfiguration`'s is on every preview after the first up. */
class DeployedConfiguration extends pulumi.CustomResource {
  constructor(name: string) {
    super("stripe:test:Configuration", name, {});
  }
}

function deployedConfiguration(name: string, id: string): DeployedConfiguration {
  mockedId = id;
  return new DeployedConfiguration(name);
}

/** What Pulumi knows of an Output: its value (the unknown marker in a preview), whether it is known, and whether it is secret. */
async function settled<T>(output: pulumi.Output<T>): Promise<{ value: T; known: boolean; secret: boolean }> {
  const internal = output as unknown as { isKnown: Promise<boolean>; isSecret: Promise<boolean>; promise(withUnknowns?: boolean): Promise<T> };
  const [value, known, secret] = await Promise.all([internal.promise(true), internal.isKnown, internal.isSecret]);
  return { value, known, secret };
}

function seen() {
  const requests = emulator.requests().map((r) => ({ method: r.method, path: r.path, body: r.body, account: r.account, version: r.headers["stripe-version"], status: r.status }));
  emulator.clearRequests();
  return requests;
}

const saved = Object.fromEntries(SETTING_VARIABLES.map((name) => [name, process.env[name]]));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const client = (account?: string) => new StripeClient({ apiKey: STACK_KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive", account });
  const params = { default_return_url: "https://acme.test/account", features: { invoice_history: { enabled: "true" } } };
  platformConfiguration = (await createConfiguration(client(), params)).body.id;
  connectedConfiguration = (await createConfiguration(client(STACK_ACCOUNT), params)).body.id;
});
afterAll(async () => {
  for (const name of SETTING_VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await emulator.stop();
});
beforeEach(() => {
  for (const name of SETTING_VARIABLES) delete process.env[name];
  pulumi.runtime.setAllConfig({}, []);
  emulator.clearRequests();
});

describe("pulumi preview", () => {
  beforeAll(() => pulumi.runtime.setMocks(mocks, "project", "stack", true));

  it("sends nothing, needs no key, and answers an unknown secret session that keeps the configuration as a dependency", async () => {
    const config = deployedConfiguration("preview-no-key", platformConfiguration);
    const session = createPortalSession({ customer: "cus_123", configuration: config.id });
    expect(await settled(config.id)).toEqual({ value: platformConfiguration, known: true, secret: false });
    const { value, known, secret } = await settled(session);
    expect(known).toBe(false);
    expect(pulumi.isUnknown(value)).toBe(true);
    expect(secret).toBe(true);
    const dependencies = await (session as unknown as { allResources(): Promise<Set<pulumi.Resource>> }).allResources();
    expect([...dependencies]).toEqual([config]);
    expect(seen()).toEqual([]);
  });

  it("sends nothing with a key in the stack config or the environment either", async () => {
    pulumi.runtime.setAllConfig({ "stripe:apiKey": STACK_KEY, "stripe:apiBase": emulator.url }, ["stripe:apiKey"]);
    process.env.STRIPE_API_KEY = STACK_KEY;
    process.env.STRIPE_API_BASE = emulator.url;
    const session = createPortalSession({ customer: "cus_123", configuration: deployedConfiguration("preview-key", platformConfiguration).id });
    expect((await settled(session)).known).toBe(false);
    expect(seen()).toEqual([]);
  });

  it("fails on invalid parameters, before anything is sent", () => {
    const configuration = deployedConfiguration("preview-invalid", platformConfiguration).id;
    expect(() => createPortalSession({ customer: "bob", configuration, locale: "xx" as never })).toThrow(
      /^Invalid portal session parameters: customer must be a Stripe id starting with "cus_"; got "bob"; locale must be one of auto, .*; got "xx"$/,
    );
    expect(() => createPortalSession({ customer: "cus_123", configuration, flowData: { type: "payment_method_update", subscriptionCancel: { subscription: "sub_1" } } as never })).toThrow(
      'Invalid portal session parameters: flowData.subscriptionCancel can only be given when flowData.type is "subscription_cancel"',
    );
    expect(seen()).toEqual([]);
  });
});

describe("pulumi up", () => {
  beforeAll(() => pulumi.runtime.setMocks(mocks, "project", "stack", false));

  it("sends one session POST with the stack config's key, base, version and account, over the environment's", async () => {
    Object.assign(process.env, WRONG_ENV);
    pulumi.runtime.setAllConfig(
      { "stripe:apiKey": STACK_KEY, "stripe:apiBase": `${emulator.url}/`, "stripe:apiVersion": "2026-10-28.endive", "stripe:account": STACK_ACCOUNT },
      ["stripe:apiKey"],
    );
    const session = createPortalSession({ customer: "cus_123", configuration: deployedConfiguration("up", connectedConfiguration).id, returnUrl: "https://acme.test/billing" });
    const { value, known, secret } = await settled(session);
    expect(seen()).toEqual([
      {
        method: "POST",
        path: "/v1/billing_portal/sessions",
        body: { customer: "cus_123", configuration: connectedConfiguration, return_url: "https://acme.test/billing" },
        account: STACK_ACCOUNT,
        version: "2026-10-28.endive",
        status: 200,
      },
    ]);
    expect({ known, secret }).toEqual({ known: true, secret: true });
    expect(value).toMatchObject<Partial<PortalSession>>({ object: "billing_portal.session", configuration: connectedConfiguration, customer: "cus_123", returnUrl: "https://acme.test/billing" });
    expect(value.url).toMatch(new RegExp(`^${emulator.url.replace(/\./g, "\\.")}/p/session/test_[A-Za-z0-9]{32}$`));
    expect(JSON.stringify(value)).not.toContain(STACK_KEY);
  });

  it("falls back to the environment for what the stack config leaves out", async () => {
    process.env.STRIPE_API_KEY = STACK_KEY;
    process.env.STRIPE_API_VERSION = "2020-08-27";
    pulumi.runtime.setAllConfig({ "stripe:apiBase": emulator.url, "stripe:apiVersion": "2026-10-28.endive" }, []);
    const { value } = await settled(createPortalSession({ customer: "cus_env", configuration: deployedConfiguration("up-env", platformConfiguration).id }));
    expect(seen()).toEqual([
      { method: "POST", path: "/v1/billing_portal/sessions", body: { customer: "cus_env", configuration: platformConfiguration }, account: null, version: "2026-10-28.endive", status: 200 },
    ]);
    expect(value.customer).toBe("cus_env");
  });

  it("lets explicit options win over the stack config", async () => {
    pulumi.runtime.setAllConfig({ "stripe:apiKey": WRONG_ENV.STRIPE_API_KEY, "stripe:apiBase": WRONG_ENV.STRIPE_API_BASE, "stripe:account": "acct_1OtherStack" }, ["stripe:apiKey"]);
    const session = createPortalSession(
      { customer: "cus_opt", configuration: deployedConfiguration("up-options", connectedConfiguration).id },
      { apiKey: STACK_KEY, apiBase: emulator.url, stripeAccount: STACK_ACCOUNT },
    );
    expect((await settled(session)).value.configuration).toBe(connectedConfiguration);
    expect(seen()).toEqual([
      { method: "POST", path: "/v1/billing_portal/sessions", body: { customer: "cus_opt", configuration: connectedConfiguration }, account: STACK_ACCOUNT, version: "2026-10-28.endive", status: 200 },
    ]);
  });
});
