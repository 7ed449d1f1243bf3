/** The hosted pages (no API key), as Stripe serves them on billing.stripe.com: `/p/session/:token` and `/p/login/:token`. */
import type { EmulatorState } from "./emulatorState";
import { renderLoginPage, renderMissingPage, renderSessionPage } from "./sessionPage";

export interface PageAnswer {
  status: number;
  html: string;
}

export function handlePage(state: EmulatorState, method: string, path: string): PageAnswer {
  if (method !== "GET" && method !== "HEAD") return { status: 405, html: renderMissingPage(`${method} ${path}`) };
  const session = /^\/p\/session\/([A-Za-z0-9_]+)$/.exec(path);
  if (session) {
    const record = state.sessions.find(session[1]);
    const configuration = record && state.store.find(record.scope, configurationIdOf(record.session.configuration));
    if (!record || !configuration) return { status: 404, html: renderMissingPage("This portal session") };
    return { status: 200, html: renderSessionPage(record.session, configuration) };
  }
  const login = /^\/p\/login\/([A-Za-z0-9]+)$/.exec(path);
  if (login) {
    const found = state.store.findAnywhere((configuration) => {
      const url = (configuration.login_page as { url?: unknown } | null)?.url;
      return typeof url === "string" && url.endsWith(`/p/login/${login[1]}`);
    });
    if (!found || (found.configuration.login_page as { enabled?: unknown }).enabled !== true) {
      return { status: 404, html: renderMissingPage("This login page") };
    }
    return { status: 200, html: renderLoginPage(found.configuration) };
  }
  return { status: 404, html: renderMissingPage(`The page ${path}`) };
}

/** A session's `configuration` is an id, or the configuration object when the request expanded it. */
function configurationIdOf(configuration: unknown): string {
  return typeof configuration === "string" ? configuration : String((configuration as { id?: unknown } | null)?.id);
}
