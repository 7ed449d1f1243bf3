// Types only: the `stripe` package is a devDependency that states every parameter of the pinned version.
import type { BillingPortal } from "stripe/cjs/resources/BillingPortal/Sessions.js";
import { PINNED_API_VERSION } from "../../provider/settings";
import type { PortalSessionParams } from "../../sdk/portalSession";
import type { Camel, Paths } from "../fixtures/stripeParamPaths";

/** `expand` is a request option every route takes, not a session parameter. */
type StripeSessionPaths = Camel<Paths<Omit<BillingPortal.SessionCreateParams, "expand">>>;
type SdkSessionPaths = Paths<PortalSessionParams>;

/** Compiles only while the SDK has every session parameter of the pinned version: `npm test` type-checks first. */
type MissingFromSdk = Exclude<StripeSessionPaths, SdkSessionPaths>;
const noParameterMissing: [MissingFromSdk] extends [never] ? true : MissingFromSdk = true;
/** And no parameter Stripe does not have (a typo'd or invented name would be sent and refused). */
type UnknownToStripe = Exclude<SdkSessionPaths, StripeSessionPaths>;
const noParameterInvented: [UnknownToStripe] extends [never] ? true : UnknownToStripe = true;

describe("PortalSessionParams against the pinned API version", () => {
  it("has exactly the session parameters of the pinned stripe package", () => {
    expect(noParameterMissing).toBe(true);
    expect(noParameterInvented).toBe(true);
    expect(PINNED_API_VERSION).toBe("2026-10-28.endive");
  });
});
