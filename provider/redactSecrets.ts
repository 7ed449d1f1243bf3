/**
 * Stripe keys, in full or in Stripe's own masked form (`sk_test_****abcd`), anywhere in a text.
 * Restricted keys (`rk_`) and publishable keys count too.
 */
const KEY_PATTERN = /\b(sk|rk|pk)_(test|live)_[A-Za-z0-9_*]+/g;
/** A masked key of any other shape: Stripe keeps its last four characters after the asterisks. */
const MASKED_PATTERN = /\*{4,}[A-Za-z0-9_]{0,4}/g;

/**
 * Removes every Stripe key from a text before it can reach an error, a log line or an output.
 * `knownSecrets` catches keys that do not look like Stripe keys (a typo, a key of another kind).
 */
export function redactSecrets(text: string, knownSecrets: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  return result.replace(KEY_PATTERN, "$1_$2_[redacted]").replace(MASKED_PATTERN, "[redacted]");
}
