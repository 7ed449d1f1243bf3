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
  /**
   * The stack config namespace the settings were read from, for messages naming a key: the
   * dynamic provider's `stripe` (the default), or the plugin's `stripe-portal`.
   */
  configNamespace?: ConfigNamespace;
}

/** The dynamic provider reads `stripe:*`; the native plugin, a package of its own, `stripe-portal:*`. */
export type ConfigNamespace = "stripe" | "stripe-portal";

/** The plugin's stack config namespace: its package name. */
export const PLUGIN_CONFIG_NAMESPACE: ConfigNamespace = "stripe-portal";

/** The API version whose parameters the schema models in full. */
export const PINNED_API_VERSION = "2026-10-28.endive";
export const DEFAULT_API_BASE = "https://api.stripe.com";

/** The stack config keys (in the dynamic provider's namespace) and their environment fallbacks. */
export const SETTING_SOURCES = {
  apiKey: { config: "stripe:apiKey", env: "STRIPE_API_KEY" },
  apiBase: { config: "stripe:apiBase", env: "STRIPE_API_BASE" },
  apiVersion: { config: "stripe:apiVersion", env: "STRIPE_API_VERSION" },
  account: { config: "stripe:account", env: "STRIPE_ACCOUNT" },
} as const;

/** A setting's stack config name in a namespace: `stripe-portal:apiKey`. */
export function configName(setting: keyof typeof SETTING_SOURCES, namespace: ConfigNamespace = "stripe"): string {
  return `${namespace}:${setting}`;
}

/** What each setting is, in the words the plugin's package schema gives its config. */
export const SETTING_DOCS: Record<keyof typeof SETTING_SOURCES, string> = {
  apiKey: "The Stripe secret (`sk_test_`, `sk_live_`) or restricted (`rk_test_`, `rk_live_`) key; needed by up, refresh and destroy, not by preview. Default: the `STRIPE_API_KEY` environment variable.",
  apiBase: "Another API base, e.g. a local emulator. Default: the `STRIPE_API_BASE` environment variable, else `https://api.stripe.com`.",
  apiVersion: `The \`Stripe-Version\` every request sends. Default: the \`STRIPE_API_VERSION\` environment variable, else \`${PINNED_API_VERSION}\`, the version whose parameters the schema models.`,
  account: "The Connect account (`acct_...`) of resources that name no `stripeAccount`. Default: the `STRIPE_ACCOUNT` environment variable, else your own account.",
};

/** The two places `resolveSettings` reads a key from. */
export type ApiKeySource = keyof (typeof SETTING_SOURCES)["apiKey"];

const KEY_PLACES: Record<ApiKeySource, (name: string) => string> = {
  config: (name) => `the Pulumi config ${name}`,
  env: (name) => `the ${name} environment variable`,
};

/** The place a key came from, in words: e.g. "the STRIPE_API_KEY environment variable". */
export function describeApiKeySource(source: ApiKeySource, namespace: ConfigNamespace = "stripe"): string {
  return KEY_PLACES[source](source === "config" ? configName("apiKey", namespace) : SETTING_SOURCES.apiKey.env);
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
export function resolveSettings(config?: ConfigReader, env: NodeJS.ProcessEnv = process.env, namespace: ConfigNamespace = "stripe"): StripeSettings {
  const lookup = (name: keyof typeof SETTING_SOURCES): { value: string; source: ApiKeySource } | undefined => {
    const names = SETTING_SOURCES[name];
    const configured = config?.get(configName(name, namespace));
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
    ...(namespace === "stripe" ? {} : { configNamespace: namespace }),
  };
}

/** The message of a call that needs a key and has none: it names both ways to set one. */
export function missingKeyMessage(namespace: ConfigNamespace = "stripe"): string {
  return (
    "No Stripe API key is set. Set it as a secret in the stack config with " +
    `\`pulumi config set --secret ${configName("apiKey", namespace)} <key>\`, or in the STRIPE_API_KEY environment variable.`
  );
}

/** The dynamic provider's: it names `stripe:apiKey`. */
export const MISSING_KEY_MESSAGE = missingKeyMessage();
