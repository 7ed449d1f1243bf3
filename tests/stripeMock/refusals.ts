/** What stripe-mock and the emulator refused in a run, less what intendedDifferences.ts explains. */
import { decodeForm } from "../../provider/encodeForm";
import { INTENDED_DIFFERENCES, type Observation } from "./intendedDifferences";
import { accepted, type Exchange } from "./teeProxy";

/** An exchange as the differences list reads it. */
function observation(exchange: Exchange): Observation {
  const [path, query = ""] = exchange.url.split("?");
  return { method: exchange.method, path, body: exchange.method === "GET" ? query : exchange.body, params: decodeForm(exchange.method === "GET" ? query : exchange.body), emulator: exchange.primary, stripeMock: exchange.judge };
}

/** The spec gap that explains a stripe-mock refusal, if one does. */
export function specGapFor(exchange: Exchange): string | undefined {
  const o = observation(exchange);
  return INTENDED_DIFFERENCES.find((d) => d.refusedBy === "stripe-mock" && d.explains(o))?.id;
}

/** Each request stripe-mock refused without a listed reason, with its message; and each the emulator refused. */
export function unexplainedRefusals(exchanges: Exchange[]): string[] {
  return exchanges.flatMap((e) => {
    const problems: string[] = [];
    if (!accepted(e.judge) && !specGapFor(e)) problems.push(`stripe-mock refused ${e.method} ${e.url} ${e.body}: ${e.judge.message}`);
    if (!accepted(e.primary)) problems.push(`the emulator refused ${e.method} ${e.url} ${e.body}: ${e.primary.message}`);
    return problems;
  });
}

