import axios, { AxiosInstance, AxiosResponse } from "axios";
import { randomUUID } from "crypto";
import { encodeForm, FormParams } from "./encodeForm";
import { redactSecrets } from "./redactSecrets";
import { Clock, RateLimitGate, sharedRateLimitGate, systemClock } from "./rateLimitGate";
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, RetryPolicy } from "./retryPolicy";
import { describeApiKeySource, missingKeyMessage, StripeSettings } from "./settings";
import { engineGoneReason } from "./engineWatch";
import { StripeApiError, StripeErrorBody } from "./stripeError";

/** Per-request choices on top of the client's settings. */
export interface RequestOptions {
  /** `Stripe-Account`: act on a connected account. */
  stripeAccount?: string;
  /**
   * A POST's `Idempotency-Key`; a random one when left out. Stripe answers a key's first request
   * again for 24 hours (`Idempotent-Replayed`), so a key derived from what a request means makes
   * sending it again after a crash safe.
   */
  idempotencyKey?: string;
}

/** A successful answer, and whether Stripe replayed it for an idempotency key it had seen. */
export interface StripeAnswer<T> {
  body: T;
  replayed: boolean;
}

/** How the client behaves beyond where it sends requests. */
export interface ClientOptions {
  /** Per-attempt timeout; Stripe's own library uses 80 s. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Shared across clients by default, so that one process paces itself as one. */
  gate?: RateLimitGate;
  /** Waits out the backoff between retries; tests pass a clock they move. */
  clock?: Clock;
  /** The backoff jitter's source; tests fix it to know each delay. */
  random?: () => number;
  /**
   * Asked before every attempt: a reason to send nothing more (the engine that asked is gone), or
   * undefined. Default: the process's engine watch (engineWatch.ts).
   */
  stopped?: () => string | undefined;
}

/** A thin Stripe HTTP client: form bodies, retries, idempotency keys and key-free errors. */
export class StripeClient {
  private readonly http: AxiosInstance;
  private readonly retry: RetryPolicy;
  private readonly gate: RateLimitGate;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly stopped: () => string | undefined;

  constructor(
    private readonly settings: StripeSettings,
    options: ClientOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.gate = options.gate ?? sharedRateLimitGate(settings.apiKey);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.stopped = options.stopped ?? engineGoneReason;
    this.http = axios.create({
      baseURL: settings.apiBase,
      timeout: options.timeoutMs ?? 80_000,
      // Every status is an answer to read; only a lost connection is an exception.
      validateStatus: () => true,
      // Stripe answers JSON; parse it ourselves so a non-JSON answer becomes a clear error.
      transformResponse: (data) => data,
      maxRedirects: 0,
    });
  }

  /** The `Stripe-Version` every request sends: part of what a create's idempotency key covers. */
  get apiVersion(): string {
    return this.settings.apiVersion;
  }

  /** GET with a query string. */
  async get<T>(path: string, query: FormParams = {}, options: RequestOptions = {}): Promise<T> {
    return (await this.send<T>("GET", path, query, options)).body;
  }

  /** POST with a form body; one idempotency key covers all retries of this call. */
  async post<T>(path: string, params: FormParams, options: RequestOptions = {}): Promise<T> {
    return (await this.send<T>("POST", path, params, options)).body;
  }

  /** POST, telling a first answer from one Stripe replayed for the idempotency key. */
  postForAnswer<T>(path: string, params: FormParams, options: RequestOptions = {}): Promise<StripeAnswer<T>> {
    return this.send<T>("POST", path, params, options);
  }

  private async send<T>(method: "GET" | "POST", path: string, params: FormParams, options: RequestOptions): Promise<StripeAnswer<T>> {
    const { apiKey } = this.settings;
    if (!apiKey) throw new StripeApiError({ type: "authentication_error", message: missingKeyMessage(this.settings.configNamespace) });
    const encoded = encodeForm(params);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${apiKey}`,
      "Stripe-Version": this.settings.apiVersion,
      "User-Agent": "pulumi-stripe-portal",
    };
    const account = options.stripeAccount ?? this.settings.account;
    if (account) headers["Stripe-Account"] = account;
    if (method === "POST") {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers["Idempotency-Key"] = options.idempotencyKey ?? `pulumi-stripe-portal-${randomUUID()}`;
    }
    const url = method === "GET" && encoded ? `${path}?${encoded}` : path;

    for (let attempt = 0; ; attempt++) {
      let response: AxiosResponse<string> | undefined;
      let connectionError: string | undefined;
      try {
        response = await this.gate.send(() => {
          // Checked as the request leaves the gate: one queued while the engine went away stays unsent.
          const stop = this.stopped();
          if (stop !== undefined) throw new StoppedError(stop);
          return this.http.request<string>({ method, url, headers, data: method === "POST" ? encoded : undefined });
        });
      } catch (error) {
        if (error instanceof StoppedError) throw new StripeApiError({ type: "api_connection_error", message: error.message });
        // The axios error holds the request headers: keep only a key-free description of it.
        connectionError = describeConnectionError(error);
      }
      const outcome = { status: response?.status, shouldRetryHeader: header(response, "stripe-should-retry") };
      const replayed = header(response, "idempotent-replayed") === "true";
      if (response && response.status >= 200 && response.status < 300) return { body: parseBody<T>(response, apiKey), replayed };
      // A replayed failure is the answer saved for the key: sending the key again cannot change it.
      if (attempt < this.retry.maxRetries && !replayed && isRetryable(outcome)) {
        const delay = retryDelayMs(attempt + 1, this.retry, this.random);
        if (response?.status === 429) this.gate.pause(delay);
        await this.clock.sleep(delay);
        continue;
      }
      throw response ? errorFromResponse(response, apiKey, this.settings) : connectionFailure(this.settings.apiBase, connectionError, attempt);
    }
  }
}

/** Why a request was not sent: the process was told to send nothing more. */
class StoppedError extends Error {}

function header(response: AxiosResponse | undefined, name: string): string | undefined {
  const value = response?.headers?.[name];
  return typeof value === "string" ? value : undefined;
}

function parseBody<T>(response: AxiosResponse<string>, apiKey: string): T {
  try {
    return JSON.parse(response.data) as T;
  } catch {
    throw new StripeApiError({
      type: "api_error",
      message: redactSecrets(`Stripe answered HTTP ${response.status} with a body that is not JSON.`, [apiKey]),
      statusCode: response.status,
      requestId: header(response, "request-id"),
    });
  }
}

function errorFromResponse(response: AxiosResponse<string>, apiKey: string, settings: StripeSettings): StripeApiError {
  let body: StripeErrorBody = {};
  try {
    body = (JSON.parse(response.data) as { error?: StripeErrorBody }).error ?? {};
  } catch {
    // Not JSON (a proxy page, say): the status alone is the message.
  }
  const status = response.status;
  const message = body.message ?? `Stripe answered HTTP ${status}.`;
  return new StripeApiError({
    message: redactSecrets(`${message}${hintFor(status, settings)}`, [apiKey]),
    type: body.type ?? "api_error",
    code: body.code,
    param: body.param,
    statusCode: status,
    requestId: header(response, "request-id"),
  });
}

/**
 * What to check when Stripe refuses the key, without ever printing it. A 401 names the one place
 * the key came from, as only that place needs fixing; a key handed over in code has no place to name.
 */
function hintFor(status: number, { apiKeySource, configNamespace }: StripeSettings): string {
  if (status === 401) {
    const where = apiKeySource === undefined ? "" : ` (${describeApiKeySource(apiKeySource, configNamespace)})`;
    return ` Check the Stripe API key${where}: it may be wrong, revoked, or for another account or mode.`;
  }
  if (status === 403) {
    return " The key is not allowed to do this: a restricted key needs the Billing portal (Customer portal) write permission, and Connect calls need access to the account.";
  }
  return "";
}

function describeConnectionError(error: unknown): string {
  if (axios.isAxiosError(error)) {
    if (error.code === "ECONNABORTED" || error.code === "ETIMEDOUT") return "the request timed out";
    return error.code ?? "the connection failed";
  }
  return "the connection failed";
}

function connectionFailure(apiBase: string, reason: string | undefined, attempts: number): StripeApiError {
  return new StripeApiError({
    type: "api_connection_error",
    message: `Could not reach Stripe at ${apiBase} (${reason ?? "no answer"}) after ${attempts + 1} attempt(s).`,
  });
}
