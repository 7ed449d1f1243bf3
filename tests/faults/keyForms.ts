/**
 * The ways a key can show up in a text: whole, its secret part without the prefix, Stripe's masked
 * form (`sk_test_****0042`, also `...0042`), or any key prefix not followed by `[redacted]` (what
 * redactSecrets leaves). Returns the forms found, so that a failure says which one leaked.
 */
export function keyFormsIn(text: string, key: string): string[] {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? "";
  const lastFour = key.slice(-4);
  const forms: [string, boolean][] = [
    ["the whole key", text.includes(key)],
    ["the key without its prefix", text.includes(key.slice(prefix.length))],
    [`a masked key ending ${lastFour}`, new RegExp(`(\\*|\\.|…){2,}${lastFour}`).test(text)],
    ["a key prefix not redacted", /\b(sk|rk|pk)_(test|live)_(?!\[redacted\])/.test(text)],
  ];
  return forms.filter(([, found]) => found).map(([form]) => form);
}
