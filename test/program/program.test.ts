/** The repository as a Pulumi program: it deploys whichever targets the stack configuration names. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Created, installMocks, valueOf, waitFor } from "../helpers/pulumiMocks";

let created: Created[];
let cacheDir: string;

beforeAll(async () => {
  created = await installMocks(false);
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-egress-program-"));
  process.env.INTUNE_EGRESS_CACHE_DIR = cacheDir;
});
afterAll(() => {
  delete process.env.INTUNE_EGRESS_CACHE_DIR;
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

test("a stack that names the NSG target gets the NSG rules and the drift outputs", async () => {
  pulumi.runtime.setAllConfig({
    "project:sourceAddresses": JSON.stringify(["10.20.0.0/16"]),
    "project:nsg": JSON.stringify({ resourceGroupName: "rg-network", networkSecurityGroupName: "nsg-devices" }),
    "project:onUnavailable": "snapshot",
    "project:serviceUrl": "http://127.0.0.1:9",
  });
  const program = await import("../../program/index");
  const ids = await valueOf(program.nsgSecurityRuleIds);
  await waitFor(() => created.some((c) => c.type === "azure-native:network:SecurityRule"));
  expect(created.map((c) => c.type).sort()).toEqual([
    "azure-native:network:SecurityRule",
    "intune-egress:index:IntuneEgress",
    "intune-egress:index:NsgIntuneRules",
  ]);
  expect(ids).toEqual(["stack-ipv4-tcp-80-443-id"]);
  expect(await valueOf(program.source)).toBe("snapshot");
  expect(JSON.parse(await valueOf(program.intuneModel)).kind).toBe("intune-egress-model");
  expect(await valueOf(program.awsRuleGroupArns)).toEqual([]);
});
