/** Stripe-looking random ids and tokens. */
import { randomInt } from "node:crypto";

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `length` random letters and digits. */
export function randomAlphanumeric(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** `bpc_` + 24 alphanumerics, the shape of Stripe's object ids. */
export function newObjectId(prefix: string): string {
  return `${prefix}${randomAlphanumeric(24)}`;
}

/** `req_` + 14 alphanumerics, the shape of Stripe's request ids. */
export function newRequestId(): string {
  return `req_${randomAlphanumeric(14)}`;
}
