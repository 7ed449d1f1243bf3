/** Small helpers shared by the engine test files. */
import * as fs from "fs";
import * as path from "path";
import { keepsRefreshedInputs } from "../../../provider/dynamic/hostRelease";
import type { Emulator } from "../../../emulator";
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

/**
 * A struct without the dynamic resource's machinery: the provider text, the SDK's URN
 * (`__identity`, asserted on its own where it matters) and, under a host before 3.216, the
 * declaration's fingerprint (`__declaration`, provider/dynamic/hostRelease.ts), for comparing properties.
 */
export function withoutMachinery(value: Struct | undefined): Struct {
  const { __provider: _provider, __identity: _identity, __declaration: _declaration, ...rest } = value ?? {};
  return rest;
}

/** Whether the dynamic-provider host of a program folder keeps the inputs a refresh returns (@pulumi/pulumi 3.216 and later). */
export function hostKeepsRefreshedInputs(programDir: string): boolean {
  const { version } = JSON.parse(fs.readFileSync(path.join(programDir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string };
  return keepsRefreshedInputs(version);
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
