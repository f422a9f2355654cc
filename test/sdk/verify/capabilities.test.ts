/**
 * The capability tables (and so the README's matrix, which test/readme.test.ts keeps equal to them) agree with the
 * evaluators: for each target, format and address form, one endpoint of that form is compiled with the defaults and
 * evaluated, and its evaluated coverage must be what the table's verdict says.
 */
import { CAPABILITY_COLUMNS, CapabilityColumn, Support, targetSpecs } from "../../../sdk/targets";
import { compileAndVerify } from "../../../sdk/verify/targets";
import { endpoint, modelOf } from "../../helpers/models";

const SAMPLE: Record<CapabilityColumn, ReturnType<typeof endpoint>> = {
  fqdn: endpoint("portal.example.com", { tcpPorts: ["80", "443"] }),
  subdomains: endpoint("*.example.com"),
  prefix: endpoint("*cdn.example.net"),
  infix: endpoint("login.*.example.org"),
  cidr: endpoint("13.107.219.0/24"),
  udpName: endpoint("ntp.example.com", { tcpPorts: [], udpPorts: ["123"] }),
};

type Class = "enforced" | "widened" | "not enforced";

function evaluatedClass(key: string, options: object, column: CapabilityColumn): Class {
  const model = modelOf([SAMPLE[column]]);
  const { compiled } = compileAndVerify(model, { sourceAddresses: ["10.0.0.0/8"], [key]: options });
  const coverage = (compiled as Record<string, { coverage: Record<string, Array<{ address: string }>> }>)[key]
    ?.coverage;
  const has = (list: string) => (coverage?.[list] ?? []).some((e) => e.address === SAMPLE[column].address);
  if (has("blocked") || has("notEnforced") || has("notApplicable")) return "not enforced";
  if (has("widened")) return "widened";
  if (has("enforced")) return "enforced";
  throw new Error(`${key} ${column}: no coverage`);
}

const expected: Record<Support, Class> = {
  enforced: "enforced",
  widened: "widened",
  // An option's default leaves it out; the table names the option that brings it in.
  option: "not enforced",
  no: "not enforced",
};

const cases = targetSpecs().flatMap((spec) =>
  spec.capabilities.flatMap(({ variant, table }) =>
    CAPABILITY_COLUMNS.map(
      (column) =>
        [
          `${variant}: ${column} is ${table[column].support}`,
          spec.key,
          variant.includes("domainList") ? { format: "domainList" } : {},
          column,
          table[column].support,
        ] as const,
    ),
  ),
);

test.each(cases)("%s", (_name, key, options, column, support) => {
  expect(evaluatedClass(key, options, column)).toBe(expected[support]);
});
