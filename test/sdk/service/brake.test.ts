/** The safety brake: a suspicious new version never replaces the last known good data. */
import * as fs from "fs";
import * as path from "path";
import { LoadOptions, checkRemovalBrake, clearServiceDataMemo, loadServiceData } from "../../../sdk/service/source";
import { resolveIntuneEndpoints } from "../../../sdk/resolve";
import { FakeEndpointsService, useFakeService, readFixture } from "../../helpers/fakeService";
import { RemovalBrakeError } from "../../../sdk/errors";

const fake = useFakeService();
let service: FakeEndpointsService;
let cacheDir: string;
beforeEach(() => ({ service, cacheDir } = fake));

type RawSet = { id: number; serviceArea: string; urls?: string[]; ips?: string[] };
const full = () => JSON.parse(readFixture("worldwide-mem-2025073100.json")) as RawSet[];

function load(extra: Partial<LoadOptions> = {}) {
  clearServiceDataMemo();
  return loadServiceData({
    serviceUrl: service.url,
    cacheDir,
    http: { retryDelayMs: 1, sleep: async () => undefined },
    ...extra,
  });
}

function latestPointer(): string {
  return fs.readFileSync(path.join(cacheDir, "endpoints", "worldwide", "mem", "latest"), "utf8").trim();
}

describe("against the cached last known good version", () => {
  beforeEach(async () => {
    service.serve("2025073100", "worldwide-mem-2025073100.json");
    await load();
    expect(latestPointer()).toBe("2025073100");
  });

  test("an almost empty response trips the brake; the cache keeps the good version", async () => {
    const almostEmpty = [{ ...full().find((s) => s.id === 163), urls: ["manage.microsoft.com"], ips: [] }];
    service.serve("2025082900", JSON.stringify(almostEmpty), true);
    const error = await load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemovalBrakeError);
    const brake = error as RemovalBrakeError;
    expect([brake.baselineCount - brake.removed.length, brake.maxRatio]).toEqual([1, 0.25]);
    expect(brake.message).toMatch(
      /^Safety brake: the new endpoint data removes \d+ of \d+ addresses \(99\.\d%\) compared with the last known good data \(Worldwide MEM, version 2025073100, recorded \d{4}-\d{2}-\d{2}\), more than the allowed 25\.0%\. Nothing was deployed from it\./,
    );
    expect(latestPointer()).toBe("2025073100");
    expect(fs.existsSync(path.join(cacheDir, "endpoints", "worldwide", "mem", "2025082900.json"))).toBe(false);
  });

  test("a response that drops 80% of the addresses trips the brake, and the error names examples", async () => {
    const dropped = full().map((s) => ({
      ...s,
      urls: s.urls?.filter((_, i) => i % 5 === 0),
      ips: s.ips?.filter((_, i) => i % 5 === 0),
    }));
    service.serve("2025082900", JSON.stringify(dropped), true);
    await expect(load()).rejects.toThrow(
      /^Safety brake: the new endpoint data removes \d+ of \d+ addresses \(7\d\.\d%\).*Examples of removed addresses: .+\. If Microsoft really removed them, rerun with maxRemovalRatio: 1 \(component\) or --max-removal-ratio 1 \(CLI\) once, after checking the change\.$/,
    );
    expect(latestPointer()).toBe("2025073100");
  });

  test("the resolved model is never built from the suspect data", async () => {
    service.serve(
      "2025082900",
      JSON.stringify([{ ...full().find((s) => s.id === 163), urls: ["manage.microsoft.com"], ips: [] }]),
      true,
    );
    clearServiceDataMemo();
    await expect(resolveIntuneEndpoints({ serviceUrl: service.url, cacheDir })).rejects.toThrow(RemovalBrakeError);
  });

  test("an explicit override lets it through and makes it the new known good version", async () => {
    const dropped = full().map((s) => ({
      ...s,
      urls: s.urls?.filter((_, i) => i % 5 === 0),
      ips: s.ips?.filter((_, i) => i % 5 === 0),
    }));
    service.serve("2025082900", JSON.stringify(dropped), true);
    const data = await load({ maxRemovalRatio: 1 });
    expect(data.version).toBe("2025082900");
    expect(latestPointer()).toBe("2025082900");
  });

  test("an ordinary monthly change passes", async () => {
    service.serve("2025082900", "worldwide-mem-2025082900.json");
    expect((await load()).version).toBe("2025082900");
  });
});

test("a fresh machine without a cache compares with the embedded snapshot", async () => {
  service.serve(
    "2025082900",
    JSON.stringify([{ ...full().find((s) => s.id === 163), urls: ["manage.microsoft.com"], ips: [] }]),
    true,
  );
  await expect(load()).rejects.toThrow(
    /compared with the last known good data \(Worldwide MEM, service version not recorded, recorded 2026-05-29\)/,
  );
});

test.each([
  [["a", "b", "c", "d"], ["a", "b", "c"], 0.25, false],
  [["a", "b", "c", "d"], ["a", "b"], 0.25, true],
  [["a", "b", "c", "d"], ["a", "b"], 0.5, false],
  [["a", "b", "c", "d"], [], 1, false],
  [[], ["a"], 0, false],
])("checkRemovalBrake(%j -> %j, max %p) throws: %p", (before, after, max, throws) => {
  const run = () => checkRemovalBrake(new Set(before), new Set(after), max, "test");
  if (throws) expect(run).toThrow(RemovalBrakeError);
  else expect(run).not.toThrow();
});
