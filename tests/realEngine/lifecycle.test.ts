/**
 * A user's lifecycle with the real Pulumi CLI, on one stack: up, preview with no changes, a one-field
 * change, Dashboard drift and deactivation found by refresh and corrected by up, the
 * `ignoreChanges`/`replaceOnChanges` resource options, a Connect account change (replace), adopting
 * the account's default configuration, and destroy. Each step checks what the CLI printed and what
 * reached the emulator.
 */
import { Emulator, startEmulator } from "../../emulator";
import { ACME, acmeCreateBody, CONFIGURATIONS, EXPAND, takeAccountRequests, takeRequests } from "../engine/harness/testing";
import { Declared, portalProgram, printed } from "./harness/programs";
import { RealStack } from "./harness/realStack";
import { hostKeepsRefreshedInputs, prepareRealEngine, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./harness/setup";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_realEngineLifecycle42";
const ACCOUNT = "acct_1RealEngineTest";
let emulator: Emulator;
let stack: RealStack;
/** The configuration's ids by resource name, as they come. */
const ids: Record<string, string> = {};

const acme = (args: Record<string, unknown> = {}, options?: Record<string, unknown>): Declared => ({ args: { ...ACME, ...args }, options });
/** ACME with the portal's headline changed: the one-field change. */
const CHANGED = { businessProfile: { ...(ACME.businessProfile as Record<string, unknown>), headline: "Manage your Acme subscription" } };

beforeAll(async () => {
  await prepareRealEngine();
  emulator = await startEmulator({ port: 0 });
  stack = await RealStack.create({
    name: "dev",
    program: portalProgram({ acme: acme() }),
    config: { "stripe:apiBase": emulator.url },
    secrets: { "stripe:apiKey": KEY },
  });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  stack?.remove();
});

test("1. up creates the declared configuration with one POST; preview --expect-no-changes then passes", async () => {
  const up = await stack.up();
  expect(up.code).toBe(0);
  expect(up.stdout).toContain("+ pulumi-nodejs:dynamic/stripe:PortalConfiguration: (create)");
  expect(up.stdout).toMatch(/Resources:\n\s+\+ 2 created\n/);
  expect(takeRequests(emulator)).toEqual([{ method: "POST", path: CONFIGURATIONS, query: {}, body: acmeCreateBody() }]);
  const [resource] = await stack.resources();
  ids.acme = resource.id!;
  expect(emulator.configurations().find((c) => c.id === ids.acme)).toMatchObject({ name: "Acme self-serve", active: true });

  const preview = await stack.preview("--expect-no-changes");
  expect(preview.code).toBe(0);
  expect(printed(preview)).toBe(["Previewing update (dev):", "  pulumi:pulumi:Stack: (same)", "Resources:", "    2 unchanged"].join("\n"));
  expect(takeRequests(emulator)).toEqual([]);
});

test("2. one field changed: preview --diff names that property alone, old and new values; up sends one POST of only it", async () => {
  stack.setProgram(portalProgram({ acme: acme(CHANGED) }));
  const preview = await stack.preview();
  expect(preview.code).toBe(0);
  expect(printed(preview, ids)).toBe(
    [
      "Previewing update (dev):",
      "  pulumi:pulumi:Stack: (same)",
      "    ~ pulumi-nodejs:dynamic/stripe:PortalConfiguration: (update)",
      "        [id=<acme>]",
      "      ~ businessProfile: {",
      '          ~ headline: "Manage your Acme plan" => "Manage your Acme subscription"',
      "        }",
      "Resources:",
      "    ~ 1 to update",
      "    1 unchanged",
    ].join("\n"),
  );
  expect(takeRequests(emulator)).toEqual([]);

  const up = await stack.up();
  expect(up.code).toBe(0);
  expect(up.stdout).toMatch(/Resources:\n\s+~ 1 updated\n/);
  expect(takeRequests(emulator)).toEqual([
    { method: "POST", path: `${CONFIGURATIONS}/${ids.acme}`, query: {}, body: { business_profile: { headline: "Manage your Acme subscription" }, expand: EXPAND } },
  ]);
  expect((await stack.preview("--expect-no-changes")).code).toBe(0);
  expect(takeRequests(emulator)).toEqual([]);
});

/** What Stripe made and changed of the configuration, which a refresh under the older host prints. */
interface Held {
  created: number;
  loginUrl: string;
  /** `updated` before the Dashboard edit, and after. */
  updatedBefore: number;
  updatedAfter: number;
}

/**
 * What `refresh` prints after the Dashboard edit and deactivation of test 3, by the program's
 * dynamic-provider host: one that keeps the inputs a refresh returns (3.216 and later) lists the
 * changed inputs; one that drops them (`npm run test:sdk-floor`) diffs the outputs, every field
 * shown beside the changed ones.
 */
const REFRESHED = {
  keepingInputs: (): string[] => [
    "Refreshing (dev):",
    "  pulumi:pulumi:Stack: (same)",
    "    --outputs:--",
    '    acme: "<acme>"',
    "    ~ pulumi-nodejs:dynamic/stripe:PortalConfiguration: (update)",
    "        [id=<acme>]",
    "      ~ active          : true => false",
    "      ~ businessProfile : {",
    '          ~ headline: "Manage your Acme subscription" => "Edited in the Dashboard"',
    "        }",
    '      ~ defaultReturnUrl: "https://acme.test/account" => "https://dashboard.test/return"',
    "Resources:",
    "    ~ 1 updated",
    "    1 unchanged",
  ],
  droppingInputs: ({ created, loginUrl, updatedBefore, updatedAfter }: Held): string[] => [
    "Refreshing (dev):",
    "  pulumi:pulumi:Stack: (same)",
    "    --outputs:--",
    '    acme: "<acme>"',
    "    ~ pulumi-nodejs:dynamic/stripe:PortalConfiguration: (update)",
    "        [id=<acme>]",
    "      ~ active          : true => false",
    "      ~ businessProfile : {",
    '          ~ headline         : "Manage your Acme subscription" => "Edited in the Dashboard"',
    '            privacyPolicyUrl : "https://acme.test/privacy"',
    "        }",
    `        created         : ${created}`,
    '      ~ defaultReturnUrl: "https://acme.test/account" => "https://dashboard.test/return"',
    "        features        : {",
    "            customerUpdate     : {",
    "                allowedUpdates: [",
    '                    [0]: "email"',
    '                    [1]: "tax_id"',
    "                ]",
    "                enabled       : true",
    "            }",
    "            invoiceHistory     : {",
    "                enabled: true",
    "            }",
    "            paymentMethodUpdate: {",
    "                enabled                   : false",
    "                paymentMethodConfiguration: <null>",
    "            }",
    "            subscriptionCancel : {",
    "                cancellationReason: {",
    "                    enabled        : false",
    "                    feedbackOptions: []",
    "                    options        : [",
    '                        [0]: "missing_features"',
    '                        [1]: "other"',
    '                        [2]: "switched_service"',
    '                        [3]: "too_expensive"',
    '                        [4]: "unused"',
    "                    ]",
    "                }",
    "                enabled           : true",
    '                mode              : "immediately"',
    '                prorationBehavior : "create_prorations"',
    "            }",
    "            subscriptionPause  : {",
    "                duration: {",
    "                    intervalOptions: [",
    "                        [0]: {",
    '                            interval     : "month"',
    "                            intervalCount: 1",
    "                        }",
    "                    ]",
    '                    type           : "interval_options"',
    "                }",
    "                enabled : false",
    "            }",
    "            subscriptionUpdate : {",
    '                billingCycleAnchor   : "unchanged"',
    "                defaultAllowedUpdates: []",
    "                enabled              : false",
    "                products             : []",
    '                prorationBehavior    : "none"',
    "                scheduleAtPeriodEnd  : {",
    "                    conditions: []",
    "                }",
    '                trialUpdateBehavior  : "end_trial"',
    "            }",
    "        }",
    "        isDefault       : false",
    "        livemode        : false",
    "        loginPage       : {",
    "            enabled: true",
    `            url    : "${loginUrl}"`,
    "        }",
    `        loginUrl        : "${loginUrl}"`,
    "        metadata        : {",
    '            owner: "payments"',
    '            team : "billing"',
    "        }",
    '        name            : "Acme self-serve"',
    "        stripeDefaults  : {",
    "            businessProfile: {",
    "                termsOfServiceUrl: <null>",
    "            }",
    "            features       : {",
    "                paymentMethodUpdate: {",
    "                    enabled                   : false",
    "                    paymentMethodConfiguration: <null>",
    "                }",
    "                subscriptionCancel : {",
    "                    cancellationReason: {",
    "                        enabled        : false",
    "                        feedbackOptions: []",
    "                        options        : [",
    '                            [0]: "missing_features"',
    '                            [1]: "other"',
    '                            [2]: "switched_service"',
    '                            [3]: "too_expensive"',
    '                            [4]: "unused"',
    "                        ]",
    "                    }",
    "                }",
    "                subscriptionPause  : {",
    "                    duration: {",
    "                        intervalOptions: [",
    "                            [0]: {",
    '                                interval     : "month"',
    "                                intervalCount: 1",
    "                            }",
    "                        ]",
    '                        type           : "interval_options"',
    "                    }",
    "                    enabled : false",
    "                }",
    "                subscriptionUpdate : {",
    '                    billingCycleAnchor   : "unchanged"',
    "                    defaultAllowedUpdates: []",
    "                    enabled              : false",
    "                    products             : []",
    '                    prorationBehavior    : "none"',
    "                    scheduleAtPeriodEnd  : {",
    "                        conditions: []",
    "                    }",
    '                    trialUpdateBehavior  : "end_trial"',
    "                }",
    "            }",
    "        }",
    `      ~ updated         : ${updatedBefore} => ${updatedAfter}`,
    "Resources:",
    "    ~ 1 updated",
    "    1 unchanged",
  ],
};

/** The preview after that refresh, by host as above. */
const PREVIEWED_AFTER_REFRESH = {
  keepingInputs: [
    "Previewing update (dev):",
    "  pulumi:pulumi:Stack: (same)",
    "    ~ pulumi-nodejs:dynamic/stripe:PortalConfiguration: (update)",
    "        [id=<acme>]",
    "      ~ active          : false => true",
    "      ~ businessProfile : {",
    '          ~ headline: "Edited in the Dashboard" => "Manage your Acme subscription"',
    "        }",
    '      ~ defaultReturnUrl: "https://dashboard.test/return" => "https://acme.test/account"',
    "Resources:",
    "    ~ 1 to update",
    "    1 unchanged",
  ],
  // The engine still holds the declaration as the inputs: it shows them, the changes being in the refresh's output.
  droppingInputs: [
    "Previewing update (dev):",
    "  pulumi:pulumi:Stack: (same)",
    "    ~ pulumi-nodejs:dynamic/stripe:PortalConfiguration: (update)",
    "        [id=<acme>]",
    "        active          : true",
    "        businessProfile : {",
    '            headline        : "Manage your Acme subscription"',
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
    "Resources:",
    "    ~ 1 to update",
    "    1 unchanged",
  ],
};

test("3. a Dashboard edit and a deactivation: refresh shows them, up corrects them in place (same id)", async () => {
  const heldBefore = emulator.configurations().find((c) => c.id === ids.acme)!;
  emulator.edit(ids.acme, { business_profile: { headline: "Edited in the Dashboard" }, default_return_url: "https://dashboard.test/return" });
  emulator.deactivate(ids.acme);
  const heldAfter = emulator.configurations().find((c) => c.id === ids.acme)!;
  const held: Held = {
    created: heldAfter.created as number,
    loginUrl: (heldAfter.login_page as { url: string }).url,
    updatedBefore: heldBefore.updated as number,
    updatedAfter: heldAfter.updated as number,
  };

  const refresh = await stack.refresh();
  expect(refresh.code).toBe(0);
  expect(takeRequests(emulator)).toEqual([{ method: "GET", path: `${CONFIGURATIONS}/${ids.acme}`, query: { expand: EXPAND }, body: {} }]);
  // Which host runs the provider decides what the refresh and the next preview print: pinned to the run.
  const keeps = await hostKeepsRefreshedInputs();
  expect(printed(refresh, ids)).toBe((keeps ? REFRESHED.keepingInputs() : REFRESHED.droppingInputs(held)).join("\n"));

  const preview = await stack.preview();
  expect(printed(preview, ids)).toBe((keeps ? PREVIEWED_AFTER_REFRESH.keepingInputs : PREVIEWED_AFTER_REFRESH.droppingInputs).join("\n"));

  const up = await stack.up();
  expect(up.code).toBe(0);
  expect(takeRequests(emulator)).toEqual([
    {
      method: "POST",
      path: `${CONFIGURATIONS}/${ids.acme}`,
      query: {},
      body: { business_profile: { headline: "Manage your Acme subscription" }, default_return_url: "https://acme.test/account", active: "true", expand: EXPAND },
    },
  ]);
  expect((await stack.resources()).map((r) => r.id)).toEqual([ids.acme]);
  expect(emulator.configurations().find((c) => c.id === ids.acme)).toMatchObject({
    active: true,
    default_return_url: "https://acme.test/account",
    business_profile: { headline: "Manage your Acme subscription" },
  });
  expect((await stack.preview("--expect-no-changes")).code).toBe(0);
  takeRequests(emulator);
});

test("4. ignoreChanges hides a changed property; replaceOnChanges turns its change into a replace (preview only, nothing sent)", async () => {
  stack.setProgram(portalProgram({ acme: acme({ ...CHANGED, name: "Renamed" }, { ignoreChanges: ["name"] }) }));
  const ignored = await stack.preview("--expect-no-changes");
  expect(ignored.code).toBe(0);
  expect(printed(ignored)).toBe(["Previewing update (dev):", "  pulumi:pulumi:Stack: (same)", "Resources:", "    2 unchanged"].join("\n"));

  stack.setProgram(portalProgram({ acme: acme({ ...CHANGED, defaultReturnUrl: "https://acme.test/billing" }, { replaceOnChanges: ["defaultReturnUrl"] }) }));
  const replaced = await stack.preview();
  expect(replaced.code).toBe(0);
  expect(printed(replaced, ids)).toBe(
    [
      "Previewing update (dev):",
      "  pulumi:pulumi:Stack: (same)",
      "    +-pulumi-nodejs:dynamic/stripe:PortalConfiguration: (replace)",
      "        [id=<acme>]",
      '      ~ defaultReturnUrl: "https://acme.test/account" => "https://acme.test/billing"',
      "Resources:",
      "    +-1 to replace",
      "    1 unchanged",
    ].join("\n"),
  );
  expect(takeRequests(emulator)).toEqual([]);
});

test("5. a stripeAccount change replaces: the new configuration is created in that account, then the old one deactivated", async () => {
  stack.setProgram(portalProgram({ acme: acme({ ...CHANGED, stripeAccount: ACCOUNT }) }));
  const preview = await stack.preview();
  expect(printed(preview, ids)).toBe(
    [
      "Previewing update (dev):",
      "  pulumi:pulumi:Stack: (same)",
      "    +-pulumi-nodejs:dynamic/stripe:PortalConfiguration: (replace)",
      "        [id=<acme>]",
      `      + stripeAccount: "${ACCOUNT}"`,
      "Resources:",
      "    +-1 to replace",
      "    1 unchanged",
    ].join("\n"),
  );

  const up = await stack.up();
  expect(up.code).toBe(0);
  expect(up.stdout).toMatch(/Resources:\n\s+\+-1 replaced\n/);
  const [resource] = await stack.resources();
  ids.connected = resource.id!;
  expect(ids.connected).not.toBe(ids.acme);
  const created = acmeCreateBody() as { business_profile: Record<string, unknown> };
  expect(takeAccountRequests(emulator)).toEqual([
    {
      method: "POST",
      path: CONFIGURATIONS,
      query: {},
      body: { ...created, business_profile: { ...created.business_profile, headline: "Manage your Acme subscription" } },
      account: ACCOUNT,
    },
    { method: "POST", path: `${CONFIGURATIONS}/${ids.acme}`, query: {}, body: { active: "false", expand: EXPAND }, account: null },
  ]);
  expect(emulator.configurations().find((c) => c.id === ids.acme)).toMatchObject({ active: false });
  expect(emulator.configurations({ account: ACCOUNT }).find((c) => c.id === ids.connected)).toMatchObject({ active: true, name: "Acme self-serve" });
});

test('6. destroy deactivates what it created; the default configuration adopted with adoptId "default" stays, with a warning', async () => {
  stack.setProgram(
    portalProgram({
      acme: acme({ ...CHANGED, stripeAccount: ACCOUNT }),
      main: { args: { adoptId: "default", businessProfile: { headline: "Acme billing" } } },
    }),
  );
  const up = await stack.up();
  expect(up.code).toBe(0);
  const accountDefault = emulator.configurations().find((c) => c.is_default === true)!;
  ids.main = accountDefault.id as string;
  const adoptRequests = takeRequests(emulator);
  expect(adoptRequests.map(({ method, path }) => `${method} ${path}`)).toEqual([`GET ${CONFIGURATIONS}`, `POST ${CONFIGURATIONS}/${ids.main}`]);
  expect(accountDefault).toMatchObject({ is_default: true, active: true, business_profile: { headline: "Acme billing" } });

  const destroy = await stack.destroy();
  expect(destroy.code).toBe(0);
  expect(destroy.stdout).toContain(
    [
      "Diagnostics:",
      "  pulumi:pulumi:Stack (real-engine-dev):",
      `    warning: [runtime] Portal configuration ${ids.main} is the account's default configuration: Stripe does not allow deactivating it, so it stays active and is only removed from the Pulumi state.`,
    ].join("\n"),
  );
  expect(destroy.stdout).toMatch(/Resources:\n\s+- 3 deleted\n/);
  expect(takeAccountRequests(emulator)).toEqual([
    { method: "POST", path: `${CONFIGURATIONS}/${ids.connected}`, query: {}, body: { active: "false", expand: EXPAND }, account: ACCOUNT },
  ]);
  expect(emulator.configurations({ account: ACCOUNT }).find((c) => c.id === ids.connected)).toMatchObject({ active: false });
  expect(emulator.configurations().find((c) => c.id === ids.main)).toMatchObject({ is_default: true, active: true });
  expect(await stack.resources()).toEqual([]);
});
