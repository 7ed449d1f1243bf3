/**
 * API keys as Stripe judges them: where the key is read from, which shapes are keys, which mode a
 * key opens, what a restricted key may do, and which accounts a `Stripe-Account` header may name.
 */
import { StripeError } from "./stripeErrors";

export type Permission = "read" | "write";

export interface Caller {
  key: string;
  livemode: boolean;
}

export interface AuthOptions {
  acceptLiveKeys: boolean;
  restrictedKeys: Record<string, readonly Permission[]>;
}

const MISSING_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/** `sk_test_abcdefgh1234` -> `sk_test_********1234`: Stripe shows only a key's kind and its last four characters. */
export function maskKey(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? "";
  const rest = key.slice(prefix.length);
  const shown = rest.length > 4 ? rest.slice(-4) : "";
  return `${prefix}${"*".repeat(rest.length - shown.length)}${shown}`;
}

/** The key from `Authorization: Bearer KEY` or Basic auth with the key as user name. */
export function keyFromAuthorization(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const credentials = rest.join(" ");
  if (/^bearer$/i.test(scheme)) return credentials || undefined;
  if (/^basic$/i.test(scheme)) {
    const user = Buffer.from(credentials, "base64").toString("utf8").split(":")[0];
    return user || undefined;
  }
  return undefined;
}

/** The caller of a request, or the 401 Stripe would answer. */
export function authenticate(authorization: string | undefined, options: AuthOptions): Caller {
  const key = keyFromAuthorization(authorization);
  if (key === undefined) throw new StripeError(401, "invalid_request_error", MISSING_KEY);
  if (/^pk_(test|live)_/.test(key)) {
    throw new StripeError(
      401,
      "invalid_request_error",
      "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
    );
  }
  const shape = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/.exec(key);
  if (!shape) throw new StripeError(401, "invalid_request_error", `Invalid API Key provided: ${maskKey(key)}`);
  const livemode = shape[2] === "live";
  if (livemode && !options.acceptLiveKeys) {
    throw new StripeError(
      401,
      "invalid_request_error",
      `This Stripe emulator runs in test mode only and refuses live-mode keys (${maskKey(key)}). Use a sk_test_ or rk_test_ key, or start the emulator with acceptLiveKeys.`,
    );
  }
  return { key, livemode };
}

/**
 * A restricted key listed in `restrictedKeys` may do only what is listed there (write includes
 * read, as in the Dashboard); any other key may do everything.
 */
export function requirePermission(caller: Caller, needed: Permission, resource: string, account: string, options: AuthOptions): void {
  const granted = options.restrictedKeys[caller.key];
  if (!granted) return;
  if (granted.includes(needed) || (needed === "read" && granted.includes("write"))) return;
  throw new StripeError(
    403,
    "invalid_request_error",
    `The provided key '${maskKey(caller.key)}' does not have the required permissions for this endpoint on account '${account}'. Having the 'rak_${resource}_${needed}' permission would allow this request to continue.`,
  );
}

/** The connected account named by `Stripe-Account`, or null for the platform; a malformed id is refused as Stripe refuses an account the key cannot reach. */
export function connectedAccount(header: string | undefined, caller: Caller): string | null {
  if (header === undefined || header === "") return null;
  if (/^acct_[A-Za-z0-9]+$/.test(header)) return header;
  throw new StripeError(
    403,
    "invalid_request_error",
    `The provided key '${maskKey(caller.key)}' does not have access to account '${header}' (or that account does not exist). Application access may have been revoked.`,
    { code: "account_invalid" },
  );
}
