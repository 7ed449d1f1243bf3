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

/** Each setting's environment variable, read when the stack config (or an explicit provider's arguments) has no value. */
export const SETTING_ENV = {
  apiKey: "STRIPE_API_KEY",
  apiBase: "STRIPE_API_BASE",
  apiVersion: "STRIPE_API_VERSION",
  account: "STRIPE_ACCOUNT",
} as const;

/** A provider setting's name: its argument, and its key in a config namespace (`configName`). */
export type Setting = keyof typeof SETTING_ENV;

/** Every setting, in the order docs list them. */
export const SETTINGS = Object.keys(SETTING_ENV) as Setting[];

/** A setting's stack config name in a namespace: `stripe-portal:apiKey`. */
export function configName(setting: Setting, namespace: ConfigNamespace = "stripe"): string {
  return `${namespace}:${setting}`;
}

/**
 * Each setting's dynamic-provider stack config name and environment variable, for a table listing
 * both (the README's). Derived from `configName` and `SETTING_ENV`: code reads those.
 */
export const SETTING_SOURCES: Record<Setting, { config: string; env: string }> = Object.fromEntries(
  SETTINGS.map((setting) => [setting, { config: configName(setting), env: SETTING_ENV[setting] }]),
) as Record<Setting, { config: string; env: string }>;

/**
 * What each setting is and what stands in when it is not given, in the words of the plugin's package
 * schema (its provider's arguments, and after the stack config's name its config) and of the
 * TypeScript `ProviderArgs` (sdk/plugin.ts, checked against these by tests/sdk/pluginProviderArgs.test.ts).
 * "Default" is what the provider falls back to: an explicit provider gets only its own arguments
 * (the stack config feeds the default provider alone), so for both it is the environment.
 */
export const SETTING_DOCS: Record<Setting, string> = {
  apiKey: "The Stripe secret (`sk_test_`, `sk_live_`) or restricted (`rk_test_`, `rk_live_`) key; needed by up, refresh and destroy, not by preview. Default: the `STRIPE_API_KEY` environment variable.",
  apiBase: "Another API base, e.g. a local emulator. Default: the `STRIPE_API_BASE` environment variable, else `https://api.stripe.com`.",
  apiVersion: `The \`Stripe-Version\` every request sends. Default: the \`STRIPE_API_VERSION\` environment variable, else \`${PINNED_API_VERSION}\`, the version whose parameters the schema models.`,
  account: "The Connect account (`acct_...`) of resources that name no `stripeAccount`. Default: the `STRIPE_ACCOUNT` environment variable, else your own account.",
};

/** The two places `resolveSettings` reads a key from. */
export type ApiKeySource = "config" | "env";

const KEY_PLACES: Record<ApiKeySource, (name: string) => string> = {
  config: (name) => `the Pulumi config ${name}`,
  env: (name) => `the ${name} environment variable`,
};

/** The place a key came from, in words: e.g. "the STRIPE_API_KEY environment variable". */
export function describeApiKeySource(source: ApiKeySource, namespace: ConfigNamespace = "stripe"): string {
  return KEY_PLACES[source](source === "config" ? configName("apiKey", namespace) : SETTING_ENV.apiKey);
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
  const lookup = (name: Setting): { value: string; source: ApiKeySource } | undefined => {
    const configured = config?.get(configName(name, namespace));
    // A config value, even an empty one, shadows the environment's.
    const [value, source]: [string | undefined, ApiKeySource] = configured !== undefined ? [configured, "config"] : [env[SETTING_ENV[name]], "env"];
    return value === undefined || value === "" ? undefined : { value, source };
  };
  const read = (name: Setting): string | undefined => lookup(name)?.value;
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
