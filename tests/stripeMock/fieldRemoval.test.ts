/**
 * Every field, declared at create, then removed from the program: the update that resets it is
 * taken by the emulator and by Stripe's own stripe-mock (its specification predates
 * `subscription_pause`: intendedDifferences.ts), and Stripe then holds what a configuration that
 * never declared the field holds. The fields are every path the declarations below declare, list
 * items' fields and metadata keys included; one that cannot be removed alone (Stripe requires it
 * beside its siblings, or a rule ties it to another field) is listed with the check failure that
 * says so.
 */
import type { Fields } from "../../provider/desiredState";
import { isRecord, stateFromWire } from "../../provider/desiredState";
import { configurationSchema, type SchemaNode } from "../../provider/schema";
import { everyField } from "../fixtures/configurations";
import { judgedServers } from "./judgedServers";
import { checked, createDeclared, updateDeclared } from "./providerRun";
import { unexplainedRefusals } from "./refusals";

const servers = judgedServers();

type Path = (string | number)[];

/** Every field `value` declares, as paths: objects and their fields, fields of list items, metadata keys. */
function declaredPaths(node: SchemaNode, value: unknown, path: Path = []): Path[] {
  if (node.kind === "object" && isRecord(value)) {
    return Object.entries(node.fields)
      .filter(([key]) => value[key] !== undefined)
      .flatMap(([key, child]) => [[...path, key], ...declaredPaths(child, value[key], [...path, key])]);
  }
  if (node.kind === "list" && Array.isArray(value)) return value.flatMap((item, index) => declaredPaths(node.items, item, [...path, index]));
  if (node.kind === "map" && isRecord(value)) return Object.keys(value).map((key) => [...path, key]);
  return [];
}

/** `value` without the field at `path`. */
function without(value: unknown, path: Path): unknown {
  const [key, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === key ? (rest.length === 0 ? item : without(item, rest)) : item));
  if (!isRecord(value)) return value;
  if (rest.length === 0) return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key));
  return { ...value, [key]: without(value[key as string], rest) };
}

const show = (path: Path) => path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("").slice(1);

/**
 * What Stripe holds, as the provider compares it (sets in one order: Stripe keeps a set in the
 * order it was sent), with `active`: every field of the object but its id, times and login URL.
 */
function held(id: string): Fields {
  const found = servers.emulator.configurations().find((configuration) => configuration.id === id) as Fields;
  return { ...stateFromWire(found), active: found.active };
}

/** A pause declared `indefinite`: the declaration issue 18 found unremovable. */
const indefinitePause: Fields = { features: { paymentMethodUpdate: { enabled: true }, subscriptionPause: { enabled: true, duration: { type: "indefinite" } } } };

/** What check says when each of these fields is removed alone from `everyField`. */
const EVERY_FIELD_NOT_REMOVABLE_ALONE: Record<string, string> = {
  "features.customerUpdate.enabled": "is required",
  "features.invoiceHistory.enabled": "is required",
  "features.paymentMethodUpdate": "cannot be true while features.paymentMethodUpdate.enabled is false",
  "features.paymentMethodUpdate.enabled": "is required",
  "features.subscriptionCancel.enabled": "is required",
  "features.subscriptionCancel.mode": '"create_prorations" only works with features.subscriptionCancel.mode "immediately"',
  "features.subscriptionCancel.cancellationReason.enabled": "is required",
  "features.subscriptionPause.duration.type": "is required",
  "features.subscriptionPause.duration.intervalOptions": "must list at least one item when features.subscriptionPause.duration.type is \"interval_options\"",
  "features.subscriptionPause.duration.intervalOptions[0].interval": "is required",
  "features.subscriptionPause.duration.intervalOptions[1].interval": "is required",
  "features.subscriptionUpdate.enabled": "is required",
  "features.subscriptionUpdate.products[0].product": "is required",
  "features.subscriptionUpdate.products[0].prices": "is required",
  "features.subscriptionUpdate.products[0].adjustableQuantity.enabled": "is required",
  "features.subscriptionUpdate.products[1].product": "is required",
  "features.subscriptionUpdate.products[1].prices": "is required",
  "features.subscriptionUpdate.products[1].adjustableQuantity.enabled": "is required",
  "features.subscriptionUpdate.scheduleAtPeriodEnd.conditions[0].type": "is required",
  "features.subscriptionUpdate.scheduleAtPeriodEnd.conditions[1].type": "is required",
  "loginPage.enabled": "is required",
};

/** What check says when each of these fields is removed alone from `indefinitePause`. */
const INDEFINITE_NOT_REMOVABLE_ALONE: Record<string, string> = {
  "features.paymentMethodUpdate.enabled": "is required",
  "features.subscriptionPause.duration.type": "is required",
};

describe.each([
  { label: "every field of the full example's declaration (everyField)", declaration: everyField as unknown as Fields, notRemovable: EVERY_FIELD_NOT_REMOVABLE_ALONE, removable: 39 },
  { label: "an indefinite pause", declaration: indefinitePause, notRemovable: INDEFINITE_NOT_REMOVABLE_ALONE, removable: 5 },
])("$label, each field removed after create", ({ declaration, notRemovable, removable: removableCount }) => {
  const paths = declaredPaths(configurationSchema, declaration);

  test("a field check refuses to remove alone is one the list names, with its reason", async () => {
    const refused: Record<string, string> = {};
    for (const path of paths) {
      const { failures } = await checked(without(declaration, path) as Fields);
      if (failures.length > 0) refused[show(path)] = (failures as { reason: string }[]).map((failure) => failure.reason).join("; ");
    }
    expect(Object.fromEntries(Object.entries(refused).map(([path, reason]) => [path, notRemovable[path] && reason.includes(notRemovable[path]) ? notRemovable[path] : reason]))).toEqual(notRemovable);
  });

  test("every other field: the reset is taken by the emulator and stripe-mock, and leaves what a configuration that never declared it holds", async () => {
    const removable: Path[] = [];
    for (const path of paths) if ((await checked(without(declaration, path) as Fields)).failures.length === 0) removable.push(path);
    expect(removable.length).toBe(removableCount);
    const mismatches: string[] = [];
    for (const path of removable) {
      servers.proxy.clear();
      const reduced = without(declaration, path) as Fields;
      const resource = await updateDeclared(await createDeclared(declaration), reduced);
      const neverDeclared = await createDeclared(reduced);
      const problems = unexplainedRefusals(servers.proxy.exchanges());
      if (problems.length > 0) mismatches.push(`${show(path)}: ${problems.join("; ")}`);
      else if (JSON.stringify(held(resource.id)) !== JSON.stringify(held(neverDeclared.id))) {
        mismatches.push(`${show(path)}: holds ${JSON.stringify(held(resource.id))}, never declared ${JSON.stringify(held(neverDeclared.id))}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 60_000);
});
