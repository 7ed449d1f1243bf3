/**
 * What a release leaves in users' stack states: the `__provider` text and a resource's
 * inputs and outputs. `tests/engine/fixtures/previous-release.json` holds them as the previous
 * release produced them; the upgrade test replays them against the current package.
 */
import * as fs from "fs";
import * as path from "path";
import * as qs from "qs";
import { startEmulator } from "../../../emulator";
import { Stack } from "./engine";
import { installedPackage } from "./installedPackage";
import { registered, runProgram, Struct } from "./mockProgram";
import { ProviderHost } from "./providerHost";
import { portalProgram } from "./testing";

export const FIXTURE_PATH = path.join(__dirname, "..", "fixtures", "previous-release.json");

export interface ReleaseFixture {
  /** The package version that produced it. */
  version: string;
  /** How to make it again. */
  refreshWith: string;
  urn: string;
  type: string;
  name: string;
  /** The id the configuration had; the test creates it again and uses the new id. */
  id: string;
  /** The provider text (`__provider`), as stored in the state. */
  provider: string;
  /** The resource's inputs in the state (Check's normalized inputs, with `__provider`). */
  inputs: Struct;
  /** The resource's outputs in the state (with `__provider`). */
  outputs: Struct;
  /** The create request the release sent (decoded form body), to make the configuration again. */
  createRequest: { method: string; path: string; body: Record<string, unknown> };
}

/**
 * Makes the configuration the previous release created again, with the create request it sent,
 * on a fresh emulator; answers its new id.
 */
export async function recreateReleaseConfiguration(fixture: ReleaseFixture, apiBase: string, key: string): Promise<string> {
  const { method, path: requestPath, body } = fixture.createRequest;
  const response = await fetch(`${apiBase}${requestPath}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: qs.stringify(body, { arrayFormat: "indices" }),
  });
  if (response.status !== 200) throw new Error(`Recreating the release fixture's configuration answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** A configuration using most fields, so that the upgrade covers them. */
export const FIXTURE_ARGS: Struct = {
  name: "Release fixture",
  businessProfile: { headline: "Manage your plan", privacyPolicyUrl: "https://release.test/privacy", termsOfServiceUrl: "https://release.test/terms" },
  defaultReturnUrl: "https://release.test/account",
  features: {
    customerUpdate: { enabled: true, allowedUpdates: ["name", "email", "address"] },
    invoiceHistory: { enabled: true },
    paymentMethodUpdate: { enabled: true },
    subscriptionCancel: {
      enabled: true,
      mode: "at_period_end",
      cancellationReason: { enabled: true, options: ["too_expensive", "unused", "other"] },
    },
    subscriptionPause: { enabled: true, duration: { type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 1 }, { interval: "month", intervalCount: 3 }] } },
    subscriptionUpdate: {
      enabled: true,
      defaultAllowedUpdates: ["quantity", "price"],
      products: [{ product: "prod_release", prices: ["price_yearly", "price_monthly"], adjustableQuantity: { enabled: true, maximum: 20 } }],
      prorationBehavior: "always_invoice",
      scheduleAtPeriodEnd: { conditions: [{ type: "decreasing_item_amount" }] },
    },
  },
  loginPage: { enabled: true },
  metadata: { team: "billing", release: "fixture" },
};

const KEY = "sk_test_releaseFixture";

/** Runs the current package (built, packed, installed) through the host and records what the state holds. */
export async function produceReleaseFixture(): Promise<ReleaseFixture> {
  const pkg = await installedPackage();
  const emulator = await startEmulator({ port: 0 });
  const host = await ProviderHost.start(pkg.programDir);
  try {
    const stack = new Stack({ "stripe:apiBase": emulator.url, "stripe:apiKey": KEY });
    const run = await runProgram(pkg.programDir, portalProgram({ portal: FIXTURE_ARGS }), { config: stack.config });
    await stack.up(host, run.registrations);
    const resource = stack.resource("portal");
    const [create] = emulator.requests();
    if (emulator.requests().length !== 1 || create.method !== "POST") throw new Error("Expected one create request");
    return {
      version: pkg.version,
      refreshWith: "npx ts-node tests/engine/refreshReleaseFixture.ts",
      urn: resource.urn,
      type: resource.type,
      name: resource.name,
      id: resource.id,
      provider: registered(run, "portal").inputs.__provider as string,
      inputs: resource.inputs,
      outputs: resource.outputs,
      createRequest: { method: create.method, path: create.path, body: create.body },
    };
  } finally {
    await host.stop();
    await emulator.stop();
  }
}

export function readReleaseFixture(): ReleaseFixture {
  return JSON.parse(fs.readFileSync(FIXTURE_PATH, "utf8")) as ReleaseFixture;
}

export function writeReleaseFixture(fixture: ReleaseFixture): void {
  fs.mkdirSync(path.dirname(FIXTURE_PATH), { recursive: true });
  fs.writeFileSync(FIXTURE_PATH, JSON.stringify(fixture, null, 2) + "\n");
}
