import { BASELINE_KIND, baselineDocument, parseModel, readBaseline, recordFilters } from "../../sdk/baseline";
import { canonicalJson } from "../../sdk/model/canonical";
import { modelFromFixture } from "../helpers/models";
import { ServiceDataError } from "../../sdk/errors";

const model = modelFromFixture("worldwide-mem-2025073100.json", { regions: ["EU"] }, "2025073100");
const doc = baselineDocument(model, recordFilters("Worldwide", { regions: ["EU"], ipv6: false, features: undefined }));

test("a document round-trips through JSON, with its filters", () => {
  const baseline = readBaseline(JSON.parse(JSON.stringify(doc)), "b.json");
  expect(baseline.model).toEqual(model);
  expect(baseline.filters).toEqual({ instance: "Worldwide", regions: ["EU"], ipv6: false });
  expect(baseline.foundIn).toBe("file");
  expect(doc.kind).toBe(BASELINE_KIND);
});

test("found in stack outputs as a string, at any of three levels", () => {
  const outputs = { a: 1, nested: { deeper: { intuneModel: canonicalJson(doc) } } };
  expect(readBaseline(outputs, "out.json").foundIn).toBe("stack output nested.deeper.intuneModel");
});

/** A baseline document as parsed JSON, to damage on purpose. */
type EditableEndpoint = { address: string; tcpPorts: string[]; origins: unknown[] };
type Editable = {
  formatVersion: number;
  model: { hash: string; instance: string; version: string; endpoints: EditableEndpoint[] };
};
const first = (d: Editable): EditableEndpoint => d.model.endpoints[0] as EditableEndpoint;

test.each<[string, (d: Editable) => void, string]>([
  ["hash", (d) => (d.model.hash = "0".repeat(64)), "does not match the endpoints"],
  ["instance", (d) => (d.model.instance = "Mars"), 'instance "Mars" is unknown'],
  ["version", (d) => (d.model.version = "latest"), 'version "latest" is neither null nor a 10-digit version'],
  ["ports", (d) => (first(d).tcpPorts = ["443", "80"]), "tcpPorts is not canonical"],
  ["address case", (d) => (first(d).address = first(d).address.toUpperCase()), "is not in canonical form"],
  ["origin", (d) => (first(d).origins = [{ kind: "rumour" }]), "an origin is neither"],
  ["empty", (d) => (d.model.endpoints = []), "the model holds no endpoints"],
  ["format version", (d) => (d.formatVersion = 2), "formatVersion 2 is not supported"],
])("refused: %s", (_what, edit, message) => {
  const copy = JSON.parse(JSON.stringify(doc)) as Editable;
  edit(copy);
  expect(() => readBaseline(copy, "b.json")).toThrow(ServiceDataError);
  expect(() => readBaseline(copy, "b.json")).toThrow(message);
});

test("parseModel accepts what buildModel produced", () => {
  expect(parseModel(JSON.parse(JSON.stringify(model)), "m").hash).toBe(model.hash);
});
