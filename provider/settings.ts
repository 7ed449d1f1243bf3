/** Where and as whom the provider talks to Stripe. */
export interface StripeSettings {
  /** The secret or restricted key. Never stored in state, inputs or outputs. */
  apiKey?: string;
  /** `https://api.stripe.com` unless pointed at the emulator. */
  apiBase: string;
  /** The `Stripe-Version` every request pins. */
  apiVersion: string;
  /** Default `Stripe-Account` (a Connect account id) for resources that name none. */
  account?: string;
}

/** The API version whose parameters the schema models in full. */
export const PINNED_API_VERSION = "2026-10-28.endive";
export const DEFAULT_API_BASE = "https://api.stripe.com";

/** The stack config keys and their environment fallbacks. */
export const SETTING_SOURCES = {
  apiKey: { config: "stripe:apiKey", env: "STRIPE_API_KEY" },
  apiBase: { config: "stripe:apiBase", env: "STRIPE_API_BASE" },
  apiVersion: { config: "stripe:apiVersion", env: "STRIPE_API_VERSION" },
  account: { config: "stripe:account", env: "STRIPE_ACCOUNT" },
} as const;

/** Reads one stack config value; Pulumi's `ConfigureRequest.config` fits. */
export interface ConfigReader {
  get(key: string): string | undefined;
}

/**
 * Stack config first, then the environment, then the defaults. Called at `configure` time in the
 * provider host, and by the session helpers (with the stack config in a Pulumi program, without it
 * in application code and the command line).
 */
export function resolveSettings(config?: ConfigReader, env: NodeJS.ProcessEnv = process.env): StripeSettings {
  const read = (name: keyof typeof SETTING_SOURCES): string | undefined => {
    const source = SETTING_SOURCES[name];
    const value = config?.get(source.config) ?? env[source.env];
    return value === undefined || value === "" ? undefined : value;
  };
  return {
    apiKey: read("apiKey"),
    apiBase: (read("apiBase") ?? DEFAULT_API_BASE).replace(/\/+$/, ""),
    apiVersion: read("apiVersion") ?? PINNED_API_VERSION,
    account: read("account"),
  };
}

/** The message of a call that needs a key and has none: it names both ways to set one. */
export const MISSING_KEY_MESSAGE =
  "No Stripe API key is set. Set it as a secret in the stack config with " +
  "`pulumi config set --secret stripe:apiKey <key>`, or in the STRIPE_API_KEY environment variable.";
