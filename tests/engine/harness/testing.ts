/** Small helpers shared by the engine test files. */
import * as fs from "fs";
import * as path from "path";
import { keepsRefreshedInputs } from "../../../provider/dynamic/hostRelease";
import { declaredRange, rangeFloor } from "../../../scripts/testOnSdkFloor";
import type { Emulator } from "../../../emulator";
import type { LoggedRequest } from "../../../emulator/requestLog";
import type { Struct } from "./mockProgram";
import { HostError } from "./providerHost";

/** Timeouts: the first file of a run builds, packs and installs the package. */
export const SETUP_TIMEOUT_MS = 240_000;
export const TEST_TIMEOUT_MS = 60_000;

/** The expand parameter every configuration call sends. */
export const EXPAND = ["features.subscription_update.products"];
export const CONFIGURATIONS = "/v1/billing_portal/configurations";

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

/** The requests the emulator saw since the last call (method, path, decoded query and body); clears the log. */
export function takeRequests(emulator: Emulator): SeenRequest[] {
  const seen = emulator.requests().map(({ method, path, query, body }) => ({ method, path, query, body }));
  emulator.clearRequests();
  return JSON.parse(JSON.stringify(seen)) as SeenRequest[];
}

/** A request as `takeRequestsShowingId` gives it. */
export interface RequestShowingId {
  method: string;
  /** The path, the configuration's id in it shown as `<id>`. */
  path: string;
  body: Record<string, unknown>;
  /** The `Stripe-Account` header, or null. */
  account: string | null;
}

/**
 * The requests the emulator saw since the last call (method, path with `id` shown as `<id>`, decoded
 * body, `Stripe-Account`), for comparing steps whose ids differ; clears the log.
 */
export function takeRequestsShowingId(emulator: Emulator, id: string): RequestShowingId[] {
  const seen = emulator.requests().map(({ method, path, body, account }) => ({ method, path: id === "" ? path : path.split(id).join("<id>"), body, account }));
  emulator.clearRequests();
  return JSON.parse(JSON.stringify(seen)) as RequestShowingId[];
}

/**
 * A struct without the dynamic resource's machinery: the provider text, the SDK's URN
 * (`__identity`, asserted on its own where it matters) and, under a host before 3.216, the
 * declaration's fingerprint (`__declaration`, provider/dynamic/hostRelease.ts), for comparing properties.
 */
export function withoutMachinery(value: Struct | undefined): Struct {
  const { __provider: _provider, __identity: _identity, __declaration: _declaration, ...rest } = value ?? {};
  return rest;
}

/**
 * Whether the dynamic-provider host of a program folder keeps the inputs a refresh returns
 * (@pulumi/pulumi 3.216 and later). Pinned to the run: the program's @pulumi/pulumi is the range's
 * floor, whose host does not, exactly when `PULUMI_SDK_VERSION` names it (`npm run test:sdk-floor`);
 * otherwise npm's newest, whose host does. A run where the two disagree fails here, so that neither
 * branch of a test that depends on it runs unnoticed in place of the other.
 */
export function hostKeepsRefreshedInputs(programDir: string): boolean {
  const { version } = JSON.parse(fs.readFileSync(path.join(programDir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string };
  const floor = rangeFloor(declaredRange());
  const atFloor = process.env.PULUMI_SDK_VERSION === floor;
  const keeps = keepsRefreshedInputs(version);
  if (keeps === atFloor) {
    throw new Error(
      `The program's @pulumi/pulumi is ${version} (PULUMI_SDK_VERSION=${process.env.PULUMI_SDK_VERSION ?? "<unset>"}, the range's floor ${floor}): ` +
        `expected a host that ${atFloor ? "drops" : "keeps"} a refresh's inputs, found one that ${keeps ? "keeps" : "drops"} them.`,
    );
  }
  return keeps;
}

/**
 * Polls `holds` every 10 ms until it is true. Fails after `timeoutMs` with what was awaited and,
 * when given, `state()` as it was then.
 */
export async function pollUntil(what: string, holds: () => boolean, options: { timeoutMs?: number; state?: () => string } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}, in vain${options.state ? `: ${options.state()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits until the emulator has seen exactly `count` creates (POST to the collection) that `mine`
 * accepts: answered (200) ones, or with `arrived`, any that reached it, answered or not. Returns
 * them. Fails when it sees more than `count` (the moment the test meant to act on was missed), or at
 * the deadline.
 */
export async function createsSeen(
  emulator: Emulator,
  count: number,
  options: { arrived?: boolean; mine?: (request: LoggedRequest) => boolean; timeoutMs?: number } = {},
): Promise<LoggedRequest[]> {
  const what = options.arrived ? "arrived at" : "answered by";
  const seen = () => emulator.requests().filter((r) => r.method === "POST" && r.path === CONFIGURATIONS && (options.arrived || r.status === 200) && (options.mine ?? (() => true))(r));
  await pollUntil(`${count} creates ${what} the emulator`, () => seen().length >= count, { timeoutMs: options.timeoutMs, state: () => `${seen().length} so far` });
  const found = seen();
  if (found.length !== count) throw new Error(`${found.length} creates ${what} the emulator before the test saw ${count}: the moment to act on was missed`);
  return found;
}

/**
 * Every feature as a configuration created without it holds it: Stripe's defaults, which the
 * emulator fills in from the schema's (pinned types; a pause left out is "`interval_options` with a
 * single one-month option"), in the provider's camelCase shape.
 */
export function defaultFeatures(): Struct {
  return {
    customerUpdate: { enabled: false, allowedUpdates: [] },
    invoiceHistory: { enabled: false },
    paymentMethodUpdate: { enabled: false, paymentMethodConfiguration: null },
    subscriptionCancel: {
      enabled: false,
      mode: "at_period_end",
      prorationBehavior: "none",
      cancellationReason: { enabled: false, options: ["missing_features", "other", "switched_service", "too_expensive", "unused"], feedbackOptions: [] },
    },
    subscriptionPause: { enabled: false, duration: { type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 1 }] } },
    subscriptionUpdate: {
      enabled: false,
      defaultAllowedUpdates: [],
      products: [],
      prorationBehavior: "none",
      billingCycleAnchor: "unchanged",
      trialUpdateBehavior: "end_trial",
      scheduleAtPeriodEnd: { conditions: [] },
    },
  };
}

/** The configuration most engine tests declare: a few features, a login page, metadata. */
export const ACME: Struct = {
  name: "Acme self-serve",
  businessProfile: { headline: "Manage your Acme plan", privacyPolicyUrl: "https://acme.test/privacy" },
  defaultReturnUrl: "https://acme.test/account",
  features: {
    customerUpdate: { enabled: true, allowedUpdates: ["tax_id", "email"] },
    invoiceHistory: { enabled: true },
    subscriptionCancel: { enabled: true, mode: "immediately", prorationBehavior: "create_prorations" },
  },
  loginPage: { enabled: true },
  metadata: { team: "billing", owner: "payments" },
};

/**
 * `ACME`'s create request as the emulator logs it (a form body decodes to strings), under `name`:
 * every field it declares (none of them needs more beside it), and the expand of every
 * configuration call.
 */
export function acmeCreateBody(name = "Acme self-serve"): Struct {
  return {
    name,
    business_profile: { headline: "Manage your Acme plan", privacy_policy_url: "https://acme.test/privacy" },
    default_return_url: "https://acme.test/account",
    features: {
      customer_update: { enabled: "true", allowed_updates: ["email", "tax_id"] },
      invoice_history: { enabled: "true" },
      subscription_cancel: { enabled: "true", mode: "immediately", proration_behavior: "create_prorations" },
    },
    login_page: { enabled: "true" },
    metadata: { team: "billing", owner: "payments" },
    expand: EXPAND,
  };
}

/**
 * `ACME` as Check returns it, with `extra` on top: the declaration (sets in canonical order,
 * left-out fields left out) and `active: true`.
 */
export function normalizedAcme(extra: Struct = {}): Struct {
  return {
    name: "Acme self-serve",
    businessProfile: { headline: "Manage your Acme plan", privacyPolicyUrl: "https://acme.test/privacy" },
    defaultReturnUrl: "https://acme.test/account",
    features: {
      customerUpdate: { enabled: true, allowedUpdates: ["email", "tax_id"] },
      invoiceHistory: { enabled: true },
      subscriptionCancel: { enabled: true, mode: "immediately", prorationBehavior: "create_prorations" },
    },
    loginPage: { enabled: true },
    metadata: { team: "billing", owner: "payments" },
    active: true,
    ...extra,
  };
}

/** The configuration Stripe holds for `ACME`: every field, Stripe's default where `ACME` says nothing (the outputs' configuration fields). */
export function acmeState(): Struct {
  const features = defaultFeatures() as Record<string, Struct>;
  const { active: _active, ...declared } = normalizedAcme();
  const declaredFeatures = declared.features as Record<string, Struct>;
  return {
    ...declared,
    businessProfile: { ...(declared.businessProfile as Struct), termsOfServiceUrl: null },
    features: {
      ...features,
      customerUpdate: declaredFeatures.customerUpdate,
      invoiceHistory: declaredFeatures.invoiceHistory,
      subscriptionCancel: { ...features.subscriptionCancel, ...declaredFeatures.subscriptionCancel },
    },
  };
}

/**
 * The outputs' `stripeDefaults` of a configuration created from `ACME`: what Stripe answered for
 * each field `ACME` leaves out (a leaf, a whole list), and nothing for what it declares.
 */
export function acmeStripeDefaults(): Struct {
  const features = defaultFeatures() as Record<string, Struct>;
  return {
    businessProfile: { termsOfServiceUrl: null },
    features: {
      paymentMethodUpdate: features.paymentMethodUpdate,
      subscriptionCancel: { cancellationReason: features.subscriptionCancel.cancellationReason },
      subscriptionPause: features.subscriptionPause,
      subscriptionUpdate: features.subscriptionUpdate,
    },
  };
}

/**
 * The outputs of a configuration holding `state` (every field, as `acmeState`), with the learned
 * `stripeDefaults`, created through the emulator at `emulatorUrl`.
 */
export function expectedOutputs(state: Struct, stripeDefaults: Struct, emulatorUrl: string, extra: Struct = {}): Struct {
  return {
    ...state,
    loginPage: { enabled: true, url: expect.stringMatching(new RegExp(`^${emulatorUrl}/p/login/[A-Za-z0-9]{24}$`)) },
    loginUrl: expect.stringMatching(new RegExp(`^${emulatorUrl}/p/login/[A-Za-z0-9]{24}$`)),
    active: true,
    isDefault: false,
    livemode: false,
    created: expect.any(Number),
    updated: expect.any(Number),
    application: null,
    stripeDefaults,
    ...extra,
  };
}

/** The gRPC error a call failed with; fails the test if it succeeded or failed otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<HostError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  return error as HostError;
}

/** A program declaring one `PortalConfiguration` per entry, with these arguments. */
export function portalProgram(resources: Record<string, Struct>): string {
  const lines = Object.entries(resources).map(([name, args]) => `new PortalConfiguration(${JSON.stringify(name)}, ${JSON.stringify(args, null, 2)});`);
  return [`const { PortalConfiguration } = require("pulumi-stripe-portal");`, ...lines, ""].join("\n");
}

export interface SeenAccountRequest extends SeenRequest {
  /** The request's `Stripe-Account` header, or null when it had none. */
  account: string | null;
}

/** As `takeRequests`, with each request's `Stripe-Account` header: for the Connect tests. Clears the log. */
export function takeAccountRequests(emulator: Emulator): SeenAccountRequest[] {
  const seen = emulator.requests().map(({ method, path, query, body, account }) => ({ method, path, query, body, account }));
  emulator.clearRequests();
  return JSON.parse(JSON.stringify(seen)) as SeenAccountRequest[];
}
