/**
 * The documented pause rules end to end: what the provider sends for a pause duration is what the
 * emulator's request rules (the schema's `requiredWhen` and `maximumBy`) take.
 */
import { decodeParams, type DecodedObject } from "../../emulator/validateParams";
import { desiredState, type Fields } from "../../provider/desiredState";
import { decodeForm, encodeForm } from "../../provider/encodeForm";
import { createParams, updateParams } from "../../provider/requestParams";
import { configurationSchema } from "../../provider/schema";

const pause = (duration: Fields): Fields => ({ features: { subscriptionPause: { enabled: true, duration } } });
/** The update body as the emulator decodes it from the wire (throws Stripe's 400 as the emulator would). */
const received = (body: Fields, creating = false): DecodedObject =>
  decodeParams(configurationSchema, decodeForm(encodeForm(body as never)), { requireTopLevel: creating });

describe("a pause duration on the wire", () => {
  it("sends the interval options with a switch to interval_options, even when Stripe already holds the same ones", () => {
    // Stripe merges `duration`: after `indefinite`, its one-month default options are still stored.
    const stored = desiredState(pause({ type: "indefinite", intervalOptions: [{ interval: "month", intervalCount: 1 }] }));
    const wanted = desiredState(pause({ type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 1 }] }));
    const body = updateParams(stored, wanted);
    expect(received(body)).toEqual({
      features: { subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval: "month" }] } } },
    });
  });

  it("sends the type with changed options, and a switch to indefinite alone", () => {
    const stored = desiredState(pause({ type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 1 }] }));
    const longer = desiredState(pause({ type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 36 }] }));
    expect(received(updateParams(stored, longer))).toEqual({
      features: { subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval: "month", interval_count: 36 }] } } },
    });
    const indefinite = desiredState(pause({ type: "indefinite", intervalOptions: [{ interval: "month", intervalCount: 1 }] }));
    expect(received(updateParams(stored, indefinite))).toEqual({ features: { subscription_pause: { duration: { type: "indefinite" } } } });
  });

  it("sends a declared indefinite pause on create, though the schema's default is interval_options", () => {
    expect(received(createParams(pause({ type: "indefinite" })), true)).toMatchObject({
      features: { subscription_pause: { enabled: true, duration: { type: "indefinite" } } },
    });
  });
});
