/** Where and as whom the provider talks to Stripe. */
export interface StripeSettings {
  /** The secret or restricted key. Never stored in state, inputs or outputs. */
  apiKey?: string;
  /**
   * Where `apiKey` was read from, so that a refused key's error can say where to fix it. Absent
   * when code handed the key over. Names a place only: the key is never in it.
   */
  apiKeySource?: ApiKeySource;
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

/** The two places `resolveSettings` reads a key from. */
export type ApiKeySource = keyof (typeof SETTING_SOURCES)["apiKey"];

const KEY_PLACES: Record<ApiKeySource, (name: string) => string> = {
  config: (name) => `the Pulumi config ${name}`,
  env: (name) => `the ${name} environment variable`,
};

/** The place a key came from, in words: e.g. "the STRIPE_API_KEY environment variable". */
export function describeApiKeySource(source: ApiKeySource): string {
  return KEY_PLACES[source](SETTING_SOURCES.apiKey[source]);
}

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
  const lookup = (name: keyof typeof SETTING_SOURCES): { value: string; source: ApiKeySource } | undefined => {
    const names = SETTING_SOURCES[name];
    const configured = config?.get(names.config);
    // A config value, even an empty one, shadows the environment's.
    const [value, source]: [string | undefined, ApiKeySource] = configured !== undefined ? [configured, "config"] : [env[names.env], "env"];
    return value === undefined || value === "" ? undefined : { value, source };
  };
  const read = (name: keyof typeof SETTING_SOURCES): string | undefined => lookup(name)?.value;
  const apiKey = lookup("apiKey");
  return {
    apiKey: apiKey?.value,
    apiKeySource: apiKey?.source,
    apiBase: (read("apiBase") ?? DEFAULT_API_BASE).replace(/\/+$/, ""),
    apiVersion: read("apiVersion") ?? PINNED_API_VERSION,
    account: read("account"),
  };
}

/** The message of a call that needs a key and has none: it names both ways to set one. */
export const MISSING_KEY_MESSAGE =
  "No Stripe API key is set. Set it as a secret in the stack config with " +
  "`pulumi config set --secret stripe:apiKey <key>`, or in the STRIPE_API_KEY environment variable.";
