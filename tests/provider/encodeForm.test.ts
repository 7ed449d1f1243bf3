import { decodeForm, encodeForm } from "../../provider/encodeForm";

describe("encodeForm", () => {
  it("nests objects with brackets and indexes arrays, as Stripe reads them", () => {
    expect(
      encodeForm({
        features: { subscription_update: { products: [{ product: "prod_1", prices: ["price_1", "price_2"] }] } },
        expand: ["features.subscription_update.products"],
      }),
    ).toBe(
      "features[subscription_update][products][0][product]=prod_1" +
        "&features[subscription_update][products][0][prices][0]=price_1" +
        "&features[subscription_update][products][0][prices][1]=price_2" +
        "&expand[0]=features.subscription_update.products",
    );
  });

  it("sends an empty array and an unset as an empty value, so Stripe clears them", () => {
    expect(encodeForm({ features: { customer_update: { allowed_updates: [] } }, default_return_url: "", metadata: { team: "" } })).toBe(
      "features[customer_update][allowed_updates]=&default_return_url=&metadata[team]=",
    );
  });

  it("writes booleans and numbers as Stripe expects and escapes values", () => {
    expect(encodeForm({ active: false, n: 3, name: "A&B = c/d" })).toBe("active=false&n=3&name=A%26B%20%3D%20c%2Fd");
  });

  it("decodes what it encodes", () => {
    const params = { business_profile: { headline: "Hi [there]" }, list: ["a", "b"], metadata: { "k[1]": "v" } };
    expect(decodeForm(encodeForm(params))).toEqual(params);
  });
});
