/**
 * The control routes under `/_emulator` (no API key): what a test or a person uses to inspect the
 * emulator and to play Stripe's other side (Dashboard edits, outages, rate limits). JSON in, JSON out.
 *
 *   GET    /_emulator                      what this emulator is and where it listens
 *   GET    /_emulator/requests             the /v1 request log
 *   DELETE /_emulator/requests             clears the log
 *   GET    /_emulator/faults               faults still pending
 *   POST   /_emulator/faults               adds a fault (or an array of faults)
 *   DELETE /_emulator/faults               drops pending faults
 *   GET    /_emulator/rate-limit           {"limit": n | null}
 *   POST   /_emulator/rate-limit           sets it: {"limit": 25} or {"limit": null}
 *   GET    /_emulator/configurations       what the emulator holds (?account=acct_…&livemode=true)
 *   POST   /_emulator/configurations/:id   a Dashboard edit, JSON in wire names; {"active": false} deactivates
 */
import { API_VERSION } from "./apiVersions";
import { allConfigurations, editConfiguration, type ServiceContext } from "./configurationService";
import type { EmulatorState } from "./emulatorState";
import { parseFault } from "./faults";
import type { Json } from "./jsonValue";
import { jsonToWireParams } from "./jsonToWireParams";
import { StripeError } from "./stripeErrors";

export interface ControlAnswer {
  status: number;
  body: Json;
}

function badRequest(message: string): ControlAnswer {
  return { status: 400, body: { error: { type: "invalid_request_error", message } } };
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return {};
  return JSON.parse(text);
}

/** The service context for the account and mode named in the query string. */
export function controlContext(state: EmulatorState, account: string | null, livemode: boolean): ServiceContext {
  return {
    store: state.store,
    scope: { livemode, account },
    nowSeconds: Math.floor(state.clock() / 1000),
    baseUrl: state.baseUrl,
    serverDefaults: state.serverDefaults,
  };
}

export function handleControl(state: EmulatorState, method: string, path: string, query: URLSearchParams, rawBody: string): ControlAnswer {
  let json: unknown;
  try {
    json = method === "POST" ? parseJson(rawBody) : undefined;
  } catch (error) {
    return badRequest(`The body is not valid JSON: ${(error as Error).message}`);
  }
  const context = () => controlContext(state, query.get("account") || null, query.get("livemode") === "true");
  const route = `${method} ${path.replace(/\/+$/, "")}`;

  if (route === "GET /_emulator") {
    return { status: 200, body: { object: "emulator", url: state.baseUrl, api_version: API_VERSION, platform_account: state.store.platformAccount } };
  }
  if (route === "GET /_emulator/requests") return { status: 200, body: state.log.all() as unknown as Json };
  if (route === "DELETE /_emulator/requests") {
    state.log.clear();
    return { status: 200, body: { cleared: true } };
  }
  if (route === "GET /_emulator/faults") return { status: 200, body: state.faults.pending() as unknown as Json };
  if (route === "POST /_emulator/faults") {
    try {
      const faults = (Array.isArray(json) ? json : [json]).map(parseFault);
      faults.forEach((fault) => state.faults.add(fault));
    } catch (error) {
      return badRequest((error as Error).message);
    }
    return { status: 200, body: state.faults.pending() as unknown as Json };
  }
  if (route === "DELETE /_emulator/faults") {
    state.faults.clear();
    return { status: 200, body: [] };
  }
  if (route === "GET /_emulator/rate-limit") return { status: 200, body: { limit: state.limiter.currentLimit() ?? null } };
  if (route === "POST /_emulator/rate-limit") {
    const limit = (json as { limit?: unknown } | undefined)?.limit;
    if (limit !== null && limit !== undefined && !(Number.isInteger(limit) && (limit as number) > 0)) {
      return badRequest('Send {"limit": n} with a positive whole number, or {"limit": null} to turn the limit off.');
    }
    state.limiter.setLimit((limit as number | null | undefined) ?? undefined);
    return { status: 200, body: { limit: (limit as number | null | undefined) ?? null } };
  }
  if (route === "GET /_emulator/configurations") return { status: 200, body: allConfigurations(context()) };
  const edit = /^POST \/_emulator\/configurations\/([^/]+)$/.exec(route);
  if (edit) {
    try {
      return { status: 200, body: editConfiguration(context(), decodeURIComponent(edit[1]), jsonToWireParams(json)) };
    } catch (error) {
      if (error instanceof StripeError) return { status: error.status, body: error.toBody() as unknown as Json };
      throw error;
    }
  }
  return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized emulator control route (${method}: ${path}).` } } };
}
