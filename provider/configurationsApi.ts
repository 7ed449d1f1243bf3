import { CreateIdentity, createIdempotencyKey } from "./createIdentity";
import { FormParams } from "./encodeForm";
import { EXPAND_PATHS } from "./schema";
import { RequestOptions, StripeAnswer, StripeClient } from "./stripeClient";

/** A configuration as Stripe answers it (snake_case). */
export interface StripeConfiguration {
  id: string;
  object: "billing_portal.configuration";
  active: boolean;
  is_default: boolean;
  livemode: boolean;
  created: number;
  updated: number;
  application: string | { id: string } | null;
  login_page: { enabled: boolean; url: string | null };
  [field: string]: unknown;
}

/** Stripe's list envelope. */
export interface StripeList<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

const PATH = "/v1/billing_portal/configurations";
/** Asked on every call that answers a configuration, so expandable lists never seem to vanish. */
const EXPAND = { expand: EXPAND_PATHS };

/**
 * `POST /v1/billing_portal/configurations`; `replayed` when Stripe answered the idempotency key's
 * first create again. With an `identity`, the key is derived from it and from exactly what is sent
 * (createIdentity.ts), so the same create sent again after a crash is answered with the same configuration.
 */
export function createConfiguration(client: StripeClient, params: FormParams, options: RequestOptions = {}, identity?: CreateIdentity): Promise<StripeAnswer<StripeConfiguration>> {
  const body = { ...params, ...EXPAND };
  const idempotencyKey = identity ? createIdempotencyKey(identity, body, client.apiVersion) : options.idempotencyKey;
  return client.postForAnswer(PATH, body, { ...options, idempotencyKey });
}

/** `GET /v1/billing_portal/configurations/{id}`. */
export function retrieveConfiguration(client: StripeClient, id: string, options?: RequestOptions): Promise<StripeConfiguration> {
  return client.get(`${PATH}/${encodeURIComponent(id)}`, EXPAND, options);
}

/** `POST /v1/billing_portal/configurations/{id}`. */
export function updateConfiguration(client: StripeClient, id: string, params: FormParams, options?: RequestOptions): Promise<StripeConfiguration> {
  return client.post(`${PATH}/${encodeURIComponent(id)}`, { ...params, ...EXPAND }, options);
}

/** Filters and cursors of `GET /v1/billing_portal/configurations`. */
export interface ListConfigurationsParams {
  active?: boolean;
  is_default?: boolean;
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

/** `GET /v1/billing_portal/configurations`, one page. */
export function listConfigurations(client: StripeClient, params: ListConfigurationsParams = {}, options?: RequestOptions): Promise<StripeList<StripeConfiguration>> {
  const query: FormParams = { ...(params as FormParams), expand: EXPAND_PATHS.map((path) => `data.${path}`) };
  return client.get(PATH, query, options);
}

/** Every page of `GET /v1/billing_portal/configurations`, newest first, so that none is left out. */
export async function listAllConfigurations(client: StripeClient, params: Omit<ListConfigurationsParams, "limit" | "starting_after" | "ending_before"> = {}, options?: RequestOptions): Promise<StripeConfiguration[]> {
  const configurations: StripeConfiguration[] = [];
  for (let startingAfter: string | undefined; ; ) {
    const page = await listConfigurations(client, { ...params, limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) }, options);
    configurations.push(...page.data);
    if (!page.has_more || page.data.length === 0) return configurations;
    startingAfter = page.data[page.data.length - 1].id;
  }
}
