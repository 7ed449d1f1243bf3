/**
 * The application side: what a "Manage billing" button calls. A portal session is a short-lived
 * link into the portal for one customer, shaped by the configuration the Pulumi program manages.
 *
 *   PORTAL_CONFIGURATION_ID=$(pulumi stack output configurationId) STRIPE_API_KEY=sk_test_... \
 *     npx ts-node app.ts cus_123
 *
 * The key, API base, version and account fall back to STRIPE_API_KEY, STRIPE_API_BASE,
 * STRIPE_API_VERSION and STRIPE_ACCOUNT, as the provider's do; they are passed explicitly here
 * to show the options.
 */
import { createPortalSession, PortalSessionOptions } from "pulumi-stripe-portal";

function stripeOptions(env: NodeJS.ProcessEnv): PortalSessionOptions {
  return { apiKey: env.STRIPE_API_KEY, apiBase: env.STRIPE_API_BASE, stripeAccount: env.STRIPE_ACCOUNT };
}

/** The link to send a customer to from a "Manage billing" button: the portal's home page. */
export async function manageBillingLink(customer: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const session = await createPortalSession(
    {
      customer,
      // Without it, Stripe uses the account's default configuration.
      configuration: env.PORTAL_CONFIGURATION_ID,
      // Without it, the configuration's defaultReturnUrl.
      returnUrl: "https://example.com/account",
    },
    stripeOptions(env),
  );
  return session.url;
}

/** A link straight to one task, here "update your card", that comes back to your site when done. */
export async function updateCardLink(customer: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const session = await createPortalSession(
    {
      customer,
      configuration: env.PORTAL_CONFIGURATION_ID,
      flowData: {
        type: "payment_method_update",
        afterCompletion: { type: "redirect", redirect: { returnUrl: "https://example.com/account?card=updated" } },
      },
    },
    stripeOptions(env),
  );
  return session.url;
}

if (require.main === module) {
  manageBillingLink(process.argv[2] ?? "cus_123").then(
    (url) => console.log(url),
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
