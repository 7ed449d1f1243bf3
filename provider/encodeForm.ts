import * as qs from "qs";

/** A value Stripe's form encoding can carry. */
export type FormValue = string | number | boolean | FormValue[] | { [key: string]: FormValue };

/** Parameters of one Stripe request, in wire (snake_case) shape. */
export type FormParams = { [key: string]: FormValue };

/**
 * Stripe's form encoding: bracket nesting, indexed arrays (arrays of objects need indexes), and
 * `""` for an empty array, because an empty array would otherwise vanish from the body and leave
 * the old value on Stripe.
 */
export function encodeForm(params: FormParams): string {
  return qs
    .stringify(emptyArraysAsBlank(params) as FormParams, { arrayFormat: "indices" })
    .replace(/%5B/g, "[")
    .replace(/%5D/g, "]");
}

/** The inverse of `encodeForm`, as Stripe (and the emulator) read a body. */
export function decodeForm(body: string): FormParams {
  // Null-prototype objects: a metadata key such as `toString` is data, not a clash.
  return qs.parse(body, { depth: 10, arrayLimit: 1000, parameterLimit: 10000, plainObjects: true }) as FormParams;
}

function emptyArraysAsBlank(value: FormValue): FormValue {
  if (Array.isArray(value)) return value.length === 0 ? "" : value.map((item) => emptyArraysAsBlank(item));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, emptyArraysAsBlank(v)]));
  }
  return value;
}
