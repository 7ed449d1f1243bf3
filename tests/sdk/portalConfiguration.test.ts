import * as pulumi from "@pulumi/pulumi";
import { quickStart } from "../fixtures/configurations";
import { PROVIDER_TEXT } from "../../provider/dynamic/providerText";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `bpc_${args.name}`, state: { ...args.inputs, loginPage: { enabled: true, url: "https://billing.stripe.com/p/login/test_1" } } };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("PortalConfiguration", () => {
  it("registers a dynamic resource with the quick-start inputs and no key", async () => {
    const { PortalConfiguration } = await import("../../sdk");
    const config = new PortalConfiguration("main", quickStart);
    expect(await outputValue(config.id)).toBe("bpc_main");
    expect(await outputValue(config.loginPage)).toEqual({ enabled: true, url: "https://billing.stripe.com/p/login/test_1" });
    const main = registered.find((r) => r.name === "main")!;
    expect(main.type).toBe("pulumi-nodejs:dynamic/stripe:PortalConfiguration");
    const { __provider, __identity, ...inputs } = main.inputs;
    expect(inputs).toEqual(quickStart);
    expect(__provider).toBe(PROVIDER_TEXT);
    // The URN the engine gives it, for the create's idempotency key (provider/createIdentity.ts).
    expect(__identity).toBe("urn:pulumi:stack::project::pulumi-nodejs:dynamic/stripe:PortalConfiguration::main");
    expect(JSON.stringify(main.inputs)).not.toMatch(/sk_(test|live)_/);
  });
});

describe("PortalConfiguration outputs", () => {
  it("exist for fields the program leaves out", async () => {
    const { PortalConfiguration } = await import("../../sdk");
    const config = new PortalConfiguration("empty", {});
    for (const key of ["name", "businessProfile", "defaultReturnUrl", "features", "loginPage", "metadata", "stripeAccount", "adoptId", "active", "loginUrl", "isDefault", "livemode", "created", "updated", "application"]) {
      expect(pulumi.Output.isInstance((config as unknown as Record<string, unknown>)[key])).toBe(true);
    }
    expect(await outputValue(config.loginPage)).toEqual({ enabled: true, url: "https://billing.stripe.com/p/login/test_1" });
  });

  it("include the adopt id the configuration was created with", async () => {
    const { PortalConfiguration } = await import("../../sdk");
    const adopted = new PortalConfiguration("adopted", { ...quickStart, adoptId: "default" });
    expect(await outputValue(adopted.adoptId)).toBe("default");
    expect(await outputValue(new PortalConfiguration("created", quickStart).adoptId)).toBeUndefined();
  });
});
