/**
 * A pull-request check with the real Pulumi CLI: `pulumi preview --diff` on a stack with no Stripe key
 * anywhere (not in the stack config, not in the environment) previews creates and changes, sends
 * nothing to Stripe, and fails on invalid input naming the property path and the rule.
 */
import { Emulator, startEmulator } from "../../emulator";
import { ACME, takeRequests } from "../engine/harness/testing";
import { portalProgram, printed } from "./harness/programs";
import { RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./harness/setup";

jest.setTimeout(TEST_TIMEOUT_MS);

/** Only the deploy job has it, in its environment: the preview job never does. */
const DEPLOY_KEY = "sk_test_realEnginePrDeploy42";
let emulator: Emulator;
let stack: RealStack;

beforeAll(async () => {
  await prepareRealEngine();
  emulator = await startEmulator({ port: 0 });
  stack = await RealStack.create({ name: "pr", program: portalProgram({ acme: { args: ACME } }), config: { "stripe:apiBase": emulator.url } });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  stack?.remove();
});

test("the stack holds no key: its config has none, and the CLI's environment has no STRIPE_API_KEY", async () => {
  const config = await stack.must(["config", "--json"]);
  expect(Object.keys(JSON.parse(config.stdout) as object)).toEqual(["stripe:apiBase"]);
});

test("a new configuration: preview shows the create with what the program declares, and sends nothing", async () => {
  const preview = await stack.preview();
  expect(preview.code).toBe(0);
  expect(printed(preview)).toBe(
    [
      "Previewing update (pr):",
      "+ pulumi:pulumi:Stack: (create)",
      "    + pulumi-nodejs:dynamic/stripe:PortalConfiguration: (create)",
      "        active          : true",
      "        businessProfile : {",
      '            headline        : "Manage your Acme plan"',
      '            privacyPolicyUrl: "https://acme.test/privacy"',
      "        }",
      '        defaultReturnUrl: "https://acme.test/account"',
      "        features        : {",
      "            customerUpdate    : {",
      "                allowedUpdates: [",
      '                    [0]: "email"',
      '                    [1]: "tax_id"',
      "                ]",
      "                enabled       : true",
      "            }",
      "            invoiceHistory    : {",
      "                enabled: true",
      "            }",
      "            subscriptionCancel: {",
      "                enabled          : true",
      '                mode             : "immediately"',
      '                prorationBehavior: "create_prorations"',
      "            }",
      "        }",
      "        loginPage       : {",
      "            enabled: true",
      "        }",
      "        metadata        : {",
      '            owner: "payments"',
      '            team : "billing"',
      "        }",
      '        name            : "Acme self-serve"',
      "    --outputs:--",
      "    acme: [unknown]",
      "Resources:",
      "    + 2 to create",
    ].join("\n"),
  );
  expect(takeRequests(emulator)).toEqual([]);
});

test("a change to a deployed configuration: preview shows that property, old and new, and sends nothing", async () => {
  // The deploy job: the key only in its environment.
  stack.setEnv({ STRIPE_API_KEY: DEPLOY_KEY });
  expect((await stack.up()).code).toBe(0);
  stack.setEnv({ STRIPE_API_KEY: undefined });
  const [{ id }] = await stack.resources();
  takeRequests(emulator);

  stack.setProgram(portalProgram({ acme: { args: { ...ACME, name: "Acme customers" } } }));
  const preview = await stack.preview();
  expect(preview.code).toBe(0);
  expect(printed(preview, { acme: id! })).toBe(
    [
      "Previewing update (pr):",
      "  pulumi:pulumi:Stack: (same)",
      "    ~ pulumi-nodejs:dynamic/stripe:PortalConfiguration: (update)",
      "        [id=<acme>]",
      '      ~ name: "Acme self-serve" => "Acme customers"',
      "Resources:",
      "    ~ 1 to update",
      "    1 unchanged",
    ].join("\n"),
  );
  expect(takeRequests(emulator)).toEqual([]);
});

test("invalid input: preview fails with the property path and the rule, before anything is sent", async () => {
  const features = ACME.features as Record<string, Record<string, unknown>>;
  stack.setProgram(
    portalProgram({
      acme: { args: { ...ACME, features: { ...features, customerUpdate: { enabled: true, allowedUpdates: ["email", "telephone"] } } } },
    }),
  );
  const preview = await stack.preview();
  expect(preview.code).not.toBe(0);
  expect(preview.stdout + preview.stderr).toContain(
    // The engine prints the value of a top-level property only: {<nil>} for a nested path.
    "error: pulumi-nodejs:dynamic/stripe:PortalConfiguration resource 'acme': property features.customerUpdate.allowedUpdates[1] value {<nil>} has a problem: " +
      'must be one of address, email, name, phone, shipping, tax_id; got "telephone"',
  );
  expect(takeRequests(emulator)).toEqual([]);
});
