import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { clearServiceDataMemo } from "../../sdk/service/source";

/** The recorded responses of the endpoints web service, kept in the repository with their provenance (SOURCES.md). */
export const FIXTURES_DIR = path.resolve(__dirname, "../fixtures/endpoints");

export function fixturePath(name: string): string {
  return path.join(FIXTURES_DIR, name);
}

export function readFixture(name: string): string {
  return fs.readFileSync(fixturePath(name), "utf8");
}

export function readFixtureJson<T = unknown>(name: string): T {
  return JSON.parse(readFixture(name)) as T;
}

/** MEM captures whose service version is known (matched against the RSS feed), oldest first. */
export const VERSIONED_MEM_FIXTURES: ReadonlyArray<{ version: string; file: string }> = [
  { version: "2025043000", file: "worldwide-mem-2025043000.json" },
  { version: "2025053000", file: "worldwide-mem-2025053000.json" },
  { version: "2025063000", file: "worldwide-mem-2025063000.json" },
  { version: "2025073100", file: "worldwide-mem-2025073100.json" },
  { version: "2025082900", file: "worldwide-mem-2025082900.json" },
];

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
}

/** What the fake answers to one request instead of the normal response. */
export type Fault =
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: string }
  | { kind: "hang" }
  | { kind: "body"; body: string }
  | { kind: "reset" };

/**
 * A local stand-in for endpoints.office.com on 127.0.0.1 that serves the real recorded responses. Tests move it
 * between fixture versions, queue faults per route, and read back every request it received.
 */
export class FakeEndpointsService {
  readonly requests: RecordedRequest[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<import("net").Socket>();
  private readonly faults: Record<string, Fault[]> = { version: [], endpoints: [], changes: [] };
  private version = "2025073100";
  private endpointsBody = readFixture("worldwide-mem-2025073100.json");
  private changesBody = readFixture("changes-worldwide-excerpt-2020012800.json");
  url = "";

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Serves this version with this recorded (or given) `/endpoints` body. */
  serve(version: string, fixtureOrBody: string, isBody = false): this {
    this.version = version;
    this.endpointsBody = isBody ? fixtureOrBody : readFixture(fixtureOrBody);
    return this;
  }

  serveChanges(body: string): this {
    this.changesBody = body;
    return this;
  }

  /** Queues faults for the next requests to a route ("version", "endpoints" or "changes"). */
  fail(route: "version" | "endpoints" | "changes", ...faults: Fault[]): this {
    this.faults[route]?.push(...faults);
    return this;
  }

  /** The routes requested so far, e.g. ["version", "endpoints"]. */
  routes(): string[] {
    return this.requests.map((r) => r.path.split("/")[1] ?? "");
  }

  resetLog(): void {
    this.requests.length = 0;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    this.requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
    });
    const route = url.pathname.split("/")[1] ?? "";
    const fault = this.faults[route]?.shift();
    if (fault) {
      switch (fault.kind) {
        case "hang":
          return; // never answer; the client's timeout must fire
        case "reset":
          req.socket.destroy();
          return;
        case "status":
          res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
          res.end(fault.body ?? "");
          return;
        case "body":
          res.writeHead(200, { "content-type": "application/json" });
          res.end(fault.body);
          return;
      }
    }
    const instance = url.pathname.split("/")[2] ?? "";
    switch (route) {
      case "version":
        return this.json(res, JSON.stringify({ instance, latest: this.version }));
      case "endpoints":
        return this.json(res, this.endpointsBody);
      case "changes":
        return this.json(res, this.changesBody);
      default:
        res.writeHead(404, { "content-type": "application/json" });
        res.end('{"error":"not found"}');
    }
  }

  private json(res: http.ServerResponse, body: string): void {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=3600" });
    res.end(body);
  }
}

/** A fake service started once per test file, and a fresh cache dir and process memo for each test. */
export interface FakeServiceContext {
  service: FakeEndpointsService;
  cacheDir: string;
}

/**
 * Registers the hooks most service tests share: start and stop the fake, and before each test forget memoized loads,
 * clear the request log and make an empty cache dir (removed after the test). `beforeEachTest` runs after that.
 */
export function useFakeService(
  beforeEachTest: (context: FakeServiceContext) => void = () => undefined,
): FakeServiceContext {
  const context = {} as FakeServiceContext;
  beforeAll(async () => {
    context.service = await new FakeEndpointsService().start();
  });
  afterAll(async () => {
    await context.service.stop();
  });
  beforeEach(() => {
    clearServiceDataMemo();
    context.service.resetLog();
    context.cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-egress-test-"));
    beforeEachTest(context);
  });
  afterEach(() => {
    fs.rmSync(context.cacheDir, { recursive: true, force: true });
  });
  return context;
}
