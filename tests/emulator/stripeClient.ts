/** A bare HTTP client for the emulator, speaking Stripe's wire format the way the provider will. */
import axios, { type AxiosInstance } from "axios";
import { encodeForm, FormParams } from "../../provider/encodeForm";

export const TEST_KEY = "sk_test_emulator";

export interface ClientOptions {
  key?: string | null;
  account?: string;
}

/** Axios pointed at the emulator with a test key; never throws on a status. */
export function apiClient(baseURL: string, options: ClientOptions = {}): AxiosInstance {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  const key = options.key === undefined ? TEST_KEY : options.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  if (options.account) headers["Stripe-Account"] = options.account;
  return axios.create({ baseURL, headers, validateStatus: () => true, transformResponse: [(data: string) => parseJson(data)] });
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/** A form body with Stripe's bracket nesting and indexed arrays: the provider's own encoding. */
export function form(params: Record<string, unknown>): string {
  return encodeForm(params as FormParams);
}

/** The smallest valid create body. */
export const MINIMAL_CREATE = form({ features: { invoice_history: { enabled: true } } });

export const EXPAND_PRODUCTS = "expand[]=features.subscription_update.products";
