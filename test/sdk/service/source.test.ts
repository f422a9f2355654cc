import * as fs from "fs";
import * as path from "path";
import { PUBLISHED_EXAMPLE_GUIDS } from "../../../sdk/service/cache";
import { LoadOptions, clearServiceDataMemo, loadServiceData } from "../../../sdk/service/source";
import { FakeEndpointsService, useFakeService, readFixture } from "../../helpers/fakeService";
import { ServiceDataError, ServiceUnavailableError } from "../../../sdk/errors";

const fake = useFakeService(({ service }) => {
  service.serve("2025053000", "worldwide-mem-2025053000.json");
  sleeps = [];
});
let service: FakeEndpointsService;
let cacheDir: string;
let sleeps: number[] = [];
beforeEach(() => ({ service, cacheDir } = fake));

function options(extra: Partial<LoadOptions> = {}): LoadOptions {
  return {
    serviceUrl: service.url,
    cacheDir,
    http: { timeoutMs: 400, retryDelayMs: 100, sleep: async (ms) => void sleeps.push(ms) },
    ...extra,
  };
}

async function load(extra: Partial<LoadOptions> = {}) {
  clearServiceDataMemo();
  return loadServiceData(options(extra));
}

describe("version gate and cache", () => {
  test("the first run fetches /version then /endpoints, with the machine's clientrequestid", async () => {
    const data = await load();
    expect(service.routes()).toEqual(["version", "endpoints"]);
    expect(service.requests[0]?.path).toBe("/version/Worldwide");
    expect(service.requests[1]?.path).toBe("/endpoints/Worldwide");
    expect(service.requests[1]?.query.ServiceAreas).toBe("MEM");
    const id = service.requests[0]?.query.clientrequestid;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(PUBLISHED_EXAMPLE_GUIDS).not.toContain(id);
    expect(service.requests[1]?.query.clientrequestid).toBe(id);
    expect(fs.readFileSync(path.join(cacheDir, "client-request-id"), "utf8").trim()).toBe(id);
    expect(data).toMatchObject({ version: "2025053000", source: "live", warnings: [] });
    expect(data.sets.map((s) => s.id)).toContain(163);
  });

  test("nothing changed: only /version is requested, the same GUID again", async () => {
    await load();
    const first = service.requests[0]?.query.clientrequestid;
    service.resetLog();
    const data = await load();
    expect(service.routes()).toEqual(["version"]);
    expect(service.requests[0]?.query.clientrequestid).toBe(first);
    expect(data).toMatchObject({ version: "2025053000", source: "live" });
  });

  test("version change: the fake moves to a later version and /endpoints is fetched again", async () => {
    const before = await load();
    service.serve("2025063000", "worldwide-mem-2025063000.json");
    service.resetLog();
    const after = await load();
    expect(service.routes()).toEqual(["version", "endpoints"]);
    expect(after.version).toBe("2025063000");
    const urls = (d: typeof before) => new Set(d.sets.flatMap((s) => s.urls.map((u) => u.value)));
    const removed = [...urls(before)].filter((u) => !urls(after).has(u)).sort();
    expect(removed).toEqual([
      "*.dl.delivery.mp.microsoft.com",
      "*.prod.do.dsp.mp.microsoft.com",
      "d.docs.live.net",
      "docs.live.net",
    ]);
    service.resetLog();
    await load();
    expect(service.routes()).toEqual(["version"]);
  });

  test("one process shares one fetch across many loads", async () => {
    clearServiceDataMemo();
    const results = await Promise.all(Array.from({ length: 20 }, () => loadServiceData(options())));
    expect(service.routes()).toEqual(["version", "endpoints"]);
    expect(new Set(results).size).toBe(1);
  });
});

describe("faults", () => {
  test("429 with Retry-After: waits exactly as asked, then succeeds", async () => {
    service.fail("endpoints", { kind: "status", status: 429, headers: { "retry-after": "2" } });
    const data = await load();
    expect(service.routes()).toEqual(["version", "endpoints", "endpoints"]);
    expect(sleeps).toEqual([2000]);
    expect(data.source).toBe("live");
  });

  test("429 with Retry-After 0 still waits a second: never a tight loop", async () => {
    service.fail("endpoints", { kind: "status", status: 429, headers: { "retry-after": "0" } });
    await load();
    expect(sleeps).toEqual([1000]);
  });

  test("429 asking for an hour is not waited for: no retry, fall back with a warning", async () => {
    service.fail("endpoints", { kind: "status", status: 429, headers: { "retry-after": "3600" } });
    const data = await load();
    expect(service.routes()).toEqual(["version", "endpoints"]);
    expect(sleeps).toEqual([]);
    expect(data.source).toBe("snapshot");
    expect(data.warnings).toEqual([
      "The endpoints service is unreachable (rate limited (HTTP 429), Retry-After 3600 s, requesting the endpoints of Worldwide (MEM)); using the embedded snapshot (Worldwide MEM, service version not recorded, recorded 2026-05-29)",
    ]);
  });

  test("500 is retried with doubling backoff, then succeeds", async () => {
    service.fail("version", { kind: "status", status: 500 }, { kind: "status", status: 503 });
    const data = await load();
    expect(service.routes()).toEqual(["version", "version", "version", "endpoints"]);
    expect(sleeps).toEqual([100, 200]);
    expect(data.source).toBe("live");
  });

  test("500 on every attempt: bounded, then the snapshot", async () => {
    service.fail("version", ...Array.from({ length: 3 }, () => ({ kind: "status" as const, status: 500 })));
    const data = await load();
    expect(service.routes()).toEqual(["version", "version", "version"]);
    expect(data.source).toBe("snapshot");
    expect(data.warnings[0]).toContain("HTTP 500, requesting the version of Worldwide");
  });

  test("a timeout is bounded by timeoutMs and retried", async () => {
    service.fail("endpoints", { kind: "hang" }, { kind: "hang" }, { kind: "hang" });
    const started = Date.now();
    const data = await load();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(service.routes()).toEqual(["version", "endpoints", "endpoints", "endpoints"]);
    expect(data.source).toBe("snapshot");
    expect(data.warnings[0]).toContain("no complete answer within 400 ms, requesting the endpoints of Worldwide (MEM)");
  });

  test("a truncated body is refused, not retried, and never replaces data", async () => {
    const body = readFixture("worldwide-mem-2025053000.json");
    service.fail("endpoints", { kind: "body", body: body.slice(0, Math.floor(body.length / 2)) });
    const data = await load();
    expect(service.routes()).toEqual(["version", "endpoints"]);
    expect(data.source).toBe("snapshot");
    expect(data.warnings[0]).toMatch(
      /^The endpoints service returned data that failed validation \(the endpoints of Worldwide \(MEM\) response is not valid JSON \(truncated or corrupt: .*\)\); using the embedded snapshot/,
    );
    expect(fs.existsSync(path.join(cacheDir, "endpoints"))).toBe(false);
  });

  test("an empty array is refused", async () => {
    service.fail("endpoints", { kind: "body", body: "[]" });
    const data = await load();
    expect(data.source).toBe("snapshot");
    expect(data.warnings[0]).toContain("failed validation (the endpoints response is an empty array)");
  });

  test("a malicious address is refused with the set id and the value", async () => {
    const sets = JSON.parse(readFixture("worldwide-mem-2025053000.json")) as Array<{ id: number; urls?: string[] }>;
    sets.find((s) => s.id === 164)?.urls?.push('evil.com"; sid:1; drop ip any any -> any any (');
    service.fail("endpoints", { kind: "body", body: JSON.stringify(sets) });
    await expect(load({ onUnavailable: "fail" })).rejects.toThrow(
      new ServiceDataError(
        'endpoint set 164: url "evil.com\\"; sid:1; drop ip any any -> any any (" rejected (it contains a double quote, which no host name or CIDR may contain)',
      ),
    );
  });

  test("a connection reset is retried", async () => {
    service.fail("version", { kind: "reset" });
    const data = await load();
    expect(service.routes()).toEqual(["version", "version", "endpoints"]);
    expect(data.source).toBe("live");
  });

  test("404 is not retried and says what to check", async () => {
    service.fail("version", { kind: "status", status: 404 });
    await expect(load({ onUnavailable: "fail" })).rejects.toThrow(
      new ServiceUnavailableError("HTTP 404 for version of Worldwide; check the instance and service URL", service.url),
    );
    expect(service.routes()).toEqual(["version"]);
  });
});

describe("fallbacks", () => {
  test("to the cache, with a warning naming the cached version", async () => {
    await load();
    service.fail("version", ...Array.from({ length: 3 }, () => ({ kind: "status" as const, status: 502 })));
    const data = await load();
    expect(data).toMatchObject({ source: "cache", version: "2025053000" });
    expect(data.warnings).toEqual([
      `The endpoints service is unreachable (HTTP 502, requesting the version of Worldwide); using the cached endpoint data (Worldwide MEM, version 2025053000, recorded ${new Date().toISOString().slice(0, 10)})`,
    ]);
  });

  test("to the snapshot when there is no cache", async () => {
    const data = await load({ serviceUrl: "http://127.0.0.1:9" });
    expect(data).toMatchObject({ source: "snapshot", version: null });
    expect(data.warnings).toHaveLength(1);
    expect(data.warnings[0]).toMatch(
      /^The endpoints service is unreachable \(.*ECONNREFUSED.*\); using the embedded snapshot \(Worldwide MEM, service version not recorded, recorded 2026-05-29\)$/,
    );
  });

  test("onUnavailable: cache fails when there is no cache", async () => {
    await expect(load({ serviceUrl: "http://127.0.0.1:9", onUnavailable: "cache" })).rejects.toThrow(
      /there is no cached data for Worldwide MEM to fall back on/,
    );
  });

  test("onUnavailable: fail never falls back", async () => {
    await load();
    await expect(load({ serviceUrl: "http://127.0.0.1:9", onUnavailable: "fail" })).rejects.toThrow(
      ServiceUnavailableError,
    );
  });

  test("source cache and source snapshot do not touch the network", async () => {
    await load();
    service.resetLog();
    expect((await load({ source: "cache" })).source).toBe("cache");
    expect((await load({ source: "snapshot" })).source).toBe("snapshot");
    expect(service.routes()).toEqual([]);
  });

  test("a damaged cache file is reported as damaged on fallback, and by --source cache", async () => {
    await load();
    const file = path.join(cacheDir, "endpoints", "worldwide", "mem", "2025053000.json");
    const raw = JSON.parse(fs.readFileSync(file, "utf8"));
    raw.endpointSets = [];
    fs.writeFileSync(file, JSON.stringify(raw));
    const damage =
      `the endpoint cache in ${cacheDir} is damaged and was not used: cache file for Worldwide MEM, version 2025053000, recorded ` +
      raw.recordedAt.slice(0, 10) +
      ": the endpoints response is an empty array";
    const data = await load({ serviceUrl: "http://127.0.0.1:9" });
    expect(data.source).toBe("snapshot");
    expect(data.warnings[0]).toBe(damage);
    clearServiceDataMemo();
    await expect(load({ source: "cache" })).rejects.toThrow(
      `The cached endpoint data for Worldwide MEM in ${cacheDir} is damaged: cache file for Worldwide MEM, version 2025053000`,
    );
  });

  test("a cache file that is not JSON is reported too, and the live data replaces it", async () => {
    await load();
    const file = path.join(cacheDir, "endpoints", "worldwide", "mem", "2025053000.json");
    fs.writeFileSync(file, "{ not json");
    clearServiceDataMemo();
    const data = await load();
    expect(data.source).toBe("live");
    expect(data.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^the endpoint cache in ${cacheDir} is damaged and was not used: ${file} is damaged \\(.*JSON.*\\)$`,
        ),
      ),
    ]);
  });
});

describe("service URL", () => {
  test("plain http is refused for a non-loopback host", async () => {
    await expect(load({ serviceUrl: "http://endpoints.example.com" })).rejects.toThrow(/only https is accepted/);
  });
  test("the environment variable is used", async () => {
    process.env.INTUNE_EGRESS_SERVICE_URL = service.url;
    try {
      clearServiceDataMemo();
      const data = await loadServiceData({ cacheDir, http: options().http });
      expect(data.source).toBe("live");
      expect(service.routes()).toEqual(["version", "endpoints"]);
    } finally {
      delete process.env.INTUNE_EGRESS_SERVICE_URL;
    }
  });
});
