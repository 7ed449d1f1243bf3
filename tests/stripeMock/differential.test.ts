/**
 * Differential: a corpus of valid and invalid create, update and session requests, each sent to
 * the emulator and to Stripe's `stripe-mock` (the independent judge, validating against Stripe's
 * OpenAPI specification). The emulator must refuse what stripe-mock refuses and take what it
 * takes, except where intendedDifferences.ts says why they differ; and each difference listed
 * there must still occur, so that the list never outlives its reasons.
 *
 * The valid requests are the package's own (the provider's operations and the SDK, run through a
 * proxy to both servers) for programs generated from the schema; the invalid ones are single
 * mutations of their form bodies (mutations.ts), plus the limits a mutation of one pair cannot
 * reach.
 */
import type { Fields } from "../../provider/desiredState";
import { decodeForm } from "../../provider/encodeForm";
import { createPortalSession, type PortalSessionParams } from "../../sdk/portalSession";
import { everyField } from "../fixtures/configurations";
import { judgedServers } from "./judgedServers";
import { INTENDED_DIFFERENCES, type Observation } from "./intendedDifferences";
import { mutantsOf, withPairs } from "./mutations";
import { createDeclared, destroyed, generatedPrograms, refreshed, TEST_KEY, updateDeclared, type Created } from "./providerRun";
import { accepted, verdictOf, type Exchange } from "./teeProxy";

const CONFIGURATIONS = "/v1/billing_portal/configurations";
const SESSIONS = "/v1/billing_portal/sessions";

const servers = judgedServers();

/** One corpus entry, judged. */
interface Judged extends Observation {
  what: string;
  /** Sent by the provider or the SDK themselves, not made up by the test. */
  fromPackage?: boolean;
}

/** Sends one form body to both servers; `emulatorPath` names the emulator's own object where the path holds an id. */
async function judge(what: string, path: string, body: string, emulatorPath = path): Promise<Judged> {
  const post = async (url: string) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    return verdictOf(response.status, await response.text());
  };
  const [emulatorVerdict, stripeMockVerdict] = await Promise.all([post(`${servers.emulator.url}${emulatorPath}`), post(`${servers.stripeMock.url}${path}`)]);
  return { what, method: "POST", path, params: decodeForm(body), body, emulator: emulatorVerdict, stripeMock: stripeMockVerdict };
}

function judgedExchange(what: string, exchange: Exchange): Judged {
  return { what, method: exchange.method, path: exchange.url.split("?")[0], params: decodeForm(exchange.body), body: exchange.body, emulator: exchange.primary, stripeMock: exchange.judge, fromPackage: true };
}

/** The last POST the provider or the SDK sent through the proxy. */
function lastPost(): Exchange {
  const posts = servers.proxy.exchanges().filter((e) => e.method === "POST");
  return posts[posts.length - 1];
}

/** A configuration the emulator holds, made from a create body, for an update to be judged against. */
async function emulatorConfiguration(createBody: string): Promise<string> {
  const response = await fetch(`${servers.emulator.url}${CONFIGURATIONS}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/x-www-form-urlencoded" },
    body: createBody,
  });
  const answer = (await response.json()) as { id?: string; error?: { message: string } };
  if (!answer.id) throw new Error(`the emulator refused a create the provider sent: ${answer.error?.message}`);
  return answer.id;
}

/** Every session flow, and the other session parameters, as an application sends them through the SDK. */
function sessionParams(configuration: string): PortalSessionParams[] {
  const base = { customer: "cus_1", configuration, returnUrl: "https://acme.test/account" };
  return [
    base,
    { ...base, locale: "de", flowData: { type: "customer_update", afterCompletion: { type: "hosted_confirmation", hostedConfirmation: { customMessage: "Saved." } } } },
    { ...base, flowData: { type: "payment_method_update", afterCompletion: { type: "redirect", redirect: { returnUrl: "https://acme.test/done" } } } },
    { ...base, flowData: { type: "subscription_cancel", subscriptionCancel: { subscription: "sub_1", retention: { type: "coupon_offer", couponOffer: { coupon: "STAY10" } } } } },
    { ...base, flowData: { type: "subscription_update", subscriptionUpdate: { subscription: "sub_1" }, afterCompletion: { type: "portal_homepage" } } },
    {
      ...base,
      flowData: { type: "subscription_update_confirm", subscriptionUpdateConfirm: { subscription: "sub_1", items: [{ id: "si_1", price: "price_pro_m", quantity: 2 }], discounts: [{ promotionCode: "promo_1" }] } },
    },
    { customerAccount: "acct_1Customer", configuration, onBehalfOf: "acct_1Brand", locale: "auto" },
  ];
}

/** The flows stripe-mock's specification does not know yet: judged as sent, but never mutated (its refusal would hide the mutation's). */
function gapSessionParams(configuration: string): PortalSessionParams[] {
  return [
    { customer: "cus_1", configuration, flowData: { type: "subscription_pause", subscriptionPause: { subscription: "sub_1" } } },
    { customer: "cus_1", configuration, afterExpiration: { type: "customer_login", customerLogin: { expiresAt: 1_900_000_000 } } },
  ];
}

describe("the emulator judges requests as stripe-mock does, but for the listed differences", () => {
  let corpus: Judged[] = [];

  beforeAll(async () => {
    const valid: Judged[] = [];
    /** Mostly invalid; some mutations keep a request valid (a 61-character name), and both servers must then take it. */
    const mutated: Promise<Judged>[] = [];

    // Creates: the provider's own, for generated programs, and one mutated body after another.
    const creates: { body: string; resource: Created }[] = [];
    for (const program of await generatedPrograms(40, 20261202)) {
      const resource = await createDeclared(program);
      const exchange = lastPost();
      valid.push(judgedExchange("a create the provider sent", exchange));
      creates.push({ body: exchange.body, resource });
    }
    creates.forEach(({ body }, i) => {
      for (const mutant of mutantsOf(body, i, 6)) mutated.push(judge(`create with ${mutant.kind}`, CONFIGURATIONS, mutant.body));
    });

    // Updates: from each created program to another generated one, then the mutants of each, each
    // judged against a fresh configuration made from the same create.
    const targets = await generatedPrograms(20, 20261203);
    for (const [i, target] of targets.entries()) {
      const { body: createBody, resource } = creates[i];
      const before = servers.proxy.exchanges().length;
      // A refusal is judged below with the exchange the proxy kept: the package's requests must all be taken.
      await updateDeclared(resource, target).catch(() => undefined);
      if (servers.proxy.exchanges().length === before) continue; // nothing to change: no request
      const exchange = lastPost();
      valid.push(judgedExchange("an update the provider sent", exchange));
      if (!accepted(exchange.primary)) continue;
      for (const mutant of mutantsOf(exchange.body, i, 6)) {
        const id = await emulatorConfiguration(createBody);
        mutated.push(judge(`update with ${mutant.kind}`, `${CONFIGURATIONS}/${id}`, mutant.body));
      }
    }
    // Deactivation (destroy) and reactivation (the next update of a configuration found inactive).
    const { resource: last } = creates[creates.length - 1];
    await destroyed(last);
    valid.push(judgedExchange("a deactivation", lastPost()));
    await updateDeclared(await refreshed(last), { ...(everyField as unknown as Fields), name: "Back" });
    valid.push(judgedExchange("a reactivation", lastPost()));

    // Sessions, through the SDK, for a configuration with every feature on.
    const everything = await createDeclared({ ...(everyField as unknown as Fields), features: { ...everyField.features, subscriptionPause: { enabled: true } } } as Fields);
    const options = { apiKey: TEST_KEY, apiBase: servers.proxy.url, maxRetries: 0 };
    for (const [i, params] of sessionParams(everything.id).entries()) {
      await createPortalSession(params, options).catch(() => undefined);
      const exchange = lastPost();
      valid.push(judgedExchange("a session the SDK sent", exchange));
      for (const mutant of mutantsOf(exchange.body, i, 8)) mutated.push(judge(`session with ${mutant.kind}`, SESSIONS, mutant.body));
    }
    for (const params of gapSessionParams(everything.id)) {
      await createPortalSession(params, options).catch(() => undefined);
      valid.push(judgedExchange("a session of the pinned version only", lastPost()));
    }

    // What one changed pair cannot reach: limits on counts and lengths, and rules across fields.
    const minimal = "features[invoice_history][enabled]=true";
    const payable = "features[payment_method_update][enabled]=true";
    const products = (n: number) =>
      Array.from({ length: n }, (_, k) => [
        { key: `features[subscription_update][products][${k}][product]`, value: `prod_${k}` },
        { key: `features[subscription_update][products][${k}][prices][0]`, value: `price_${k}` },
      ]).flat();
    const metadata = (n: number) => Array.from({ length: n }, (_, k) => ({ key: `metadata[k${k}]`, value: "v" }));
    const special: [string, string][] = [
      ["no body at all", ""],
      ["features as a string", "features=all"],
      ["active on create", `${minimal}&active=false`],
      ["10 products", withPairs(`${payable}&features[subscription_update][enabled]=true`, products(10))],
      ["11 products", withPairs(`${payable}&features[subscription_update][enabled]=true`, products(11))],
      ["50 metadata keys", withPairs(minimal, metadata(50))],
      ["51 metadata keys", withPairs(minimal, metadata(51))],
      ["a 41-character metadata key", `${minimal}&metadata[${"k".repeat(41)}]=v`],
      ["a 501-character metadata value", `${minimal}&metadata[k]=${"v".repeat(501)}`],
      ["a nested metadata value", `${minimal}&metadata[k][x]=v`],
      ["subscription updates without payment method update", "features[subscription_update][enabled]=true"],
      ["cancel prorations at the period's end", "features[subscription_cancel][enabled]=true&features[subscription_cancel][proration_behavior]=create_prorations"],
      ["cancel with always_invoice", "features[subscription_cancel][enabled]=true&features[subscription_cancel][mode]=immediately&features[subscription_cancel][proration_behavior]=always_invoice"],
      ["a pause of 37 months", `${minimal}&features[subscription_pause][enabled]=true&features[subscription_pause][duration][type]=interval_options&features[subscription_pause][duration][interval_options][0][interval]=month&features[subscription_pause][duration][interval_options][0][interval_count]=37`],
      ["a pause of 36 months", `${minimal}&features[subscription_pause][enabled]=true&features[subscription_pause][duration][type]=interval_options&features[subscription_pause][duration][interval_options][0][interval]=month&features[subscription_pause][duration][interval_options][0][interval_count]=36`],
    ];
    for (const [what, body] of special) mutated.push(judge(`create with ${what}`, CONFIGURATIONS, body));
    const defaultId = servers.emulator.configurations().find((c) => c.is_default === true)?.id as string;
    mutated.push(judge("deactivating the default configuration", `${CONFIGURATIONS}/${defaultId}`, "active=false"));
    const confirm = (items: number) =>
      `customer=cus_1&configuration=${everything.id}&flow_data[type]=subscription_update_confirm&flow_data[subscription_update_confirm][subscription]=sub_1` +
      Array.from({ length: items }, (_, k) => `&flow_data[subscription_update_confirm][items][${k}][id]=si_${k}`).join("");
    mutated.push(judge("a confirm flow with two items", SESSIONS, confirm(2)));
    mutated.push(judge("a session for nobody", SESSIONS, `configuration=${everything.id}`));

    corpus = [...valid, ...(await Promise.all(mutated))];
  }, 120_000);

  it("the emulator takes every request the package sent", () => {
    const sent = corpus.filter((o) => o.fromPackage);
    expect(sent.length).toBeGreaterThanOrEqual(70);
    expect(sent.filter((o) => !accepted(o.emulator)).map((o) => `${o.what}: ${o.path} ${o.body} -> ${o.emulator.message}`)).toEqual([]);
  });

  it("judges a corpus of over 200 requests, valid and invalid, where both servers agree on most", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const both = (a: boolean, b: boolean) => corpus.filter((o) => accepted(o.emulator) === a && accepted(o.stripeMock) === b).length;
    expect(both(true, true)).toBeGreaterThanOrEqual(100);
    expect(both(false, false)).toBeGreaterThanOrEqual(100);
  });

  it("every difference is a listed one, and every listed one still occurs", () => {
    const unexplained: string[] = [];
    const occurring = new Set<string>();
    for (const o of corpus) {
      if (accepted(o.emulator) === accepted(o.stripeMock)) continue;
      const refusedBy = accepted(o.emulator) ? "stripe-mock" : "emulator";
      const explaining = INTENDED_DIFFERENCES.filter((d) => d.refusedBy === refusedBy && d.explains(o));
      if (explaining.length === 0) {
        const message = refusedBy === "emulator" ? o.emulator.message : o.stripeMock.message;
        unexplained.push(`${o.what}: only ${refusedBy} refuses ${o.path} ${o.body.slice(0, 300)} -> ${message}`);
      }
      for (const d of explaining) occurring.add(d.id);
    }
    expect(unexplained).toEqual([]);
    expect(INTENDED_DIFFERENCES.map((d) => d.id).filter((id) => !occurring.has(id))).toEqual([]);
  });
});
