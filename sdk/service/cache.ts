import { randomUUID } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Instance } from "../model/types";
import { VERSION_PATTERN } from "../model/values";
import { ensureDir } from "./files";
import { RawServiceData, parseRawServiceData, serviceAreasKey } from "./rawData";

/**
 * The on-disk cache: one file per (instance, service areas, version) and a pointer to the last version that was
 * accepted. Its location: the `cacheDir` option, else `INTUNE_EGRESS_CACHE_DIR`, else `$XDG_CACHE_HOME/intune-egress`,
 * else `~/.cache/intune-egress`.
 */
export function resolveCacheDir(option?: string): string {
  if (option) return path.resolve(option);
  const fromEnv = process.env.INTUNE_EGRESS_CACHE_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg) return path.join(path.resolve(xdg), "intune-egress");
  return path.join(os.homedir(), ".cache", "intune-egress");
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * GUIDs printed in Microsoft's documentation and in public feeds. The service may block them, so they are never used,
 * even when a cache file holds one.
 */
export const PUBLISHED_EXAMPLE_GUIDS: readonly string[] = [
  "b10c5ed1-bad1-445f-b386-b919946339a7",
  "ffa1b7d1-c7e3-4af6-bce7-4977af4d8863",
];

function writeFileAtomic(file: string, content: string): void {
  const problem = ensureDir(path.dirname(file));
  if (problem) throw problem;
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

export class EndpointCache {
  /** Cache files that exist but could not be used, each with the reason: reported, never silently skipped. */
  readonly damaged: string[] = [];

  constructor(readonly dir: string) {}

  /**
   * This machine's `clientrequestid`: generated once and kept in the cache dir. When the dir is not writable the id
   * lives for this process only, and `persisted` is false.
   */
  clientRequestId(): { id: string; persisted: boolean } {
    const file = path.join(this.dir, "client-request-id");
    try {
      const stored = fs.readFileSync(file, "utf8").trim().toLowerCase();
      if (GUID.test(stored) && !PUBLISHED_EXAMPLE_GUIDS.includes(stored)) return { id: stored, persisted: true };
    } catch {
      // Not there yet: generate below.
    }
    let id = randomUUID();
    while (PUBLISHED_EXAMPLE_GUIDS.includes(id)) id = randomUUID();
    try {
      writeFileAtomic(file, `${id}\n`);
      return { id, persisted: true };
    } catch {
      return { id, persisted: false };
    }
  }

  private areaDir(instance: Instance, serviceAreas: readonly string[]): string {
    return path.join(
      this.dir,
      "endpoints",
      instance.toLowerCase(),
      serviceAreasKey(serviceAreas).toLowerCase().replace(/,/g, "+"),
    );
  }

  /** The data of exactly this version, if cached and well-formed. */
  read(instance: Instance, serviceAreas: readonly string[], version: string): RawServiceData | undefined {
    return this.readFile(path.join(this.areaDir(instance, serviceAreas), `${version}.json`), instance, serviceAreas);
  }

  /** The last version accepted for this instance and these service areas. */
  readLatest(instance: Instance, serviceAreas: readonly string[]): RawServiceData | undefined {
    const dir = this.areaDir(instance, serviceAreas);
    let version: string;
    try {
      version = fs.readFileSync(path.join(dir, "latest"), "utf8").trim();
    } catch {
      return undefined;
    }
    if (!VERSION_PATTERN.test(version)) {
      this.damaged.push(`${path.join(dir, "latest")} does not name a version`);
      return undefined;
    }
    return this.readFile(path.join(dir, `${version}.json`), instance, serviceAreas);
  }

  /** Stores accepted data and moves the `latest` pointer to it. Errors are returned, not thrown: a cache is optional. */
  write(data: RawServiceData): Error | undefined {
    if (!data.version) return new Error("data without a version is not cached");
    const dir = this.areaDir(data.instance, data.serviceAreas);
    try {
      writeFileAtomic(path.join(dir, `${data.version}.json`), JSON.stringify(data));
      writeFileAtomic(path.join(dir, "latest"), `${data.version}\n`);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  private readFile(file: string, instance: Instance, serviceAreas: readonly string[]): RawServiceData | undefined {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
    try {
      const data = parseRawServiceData(JSON.parse(text), `cache file ${file}`);
      if (data.instance !== instance || serviceAreasKey(data.serviceAreas) !== serviceAreasKey(serviceAreas)) {
        this.damaged.push(`${file} holds ${data.instance} ${serviceAreasKey(data.serviceAreas)} data, not ${instance}`);
        return undefined;
      }
      return data;
    } catch (error) {
      this.damaged.push(`${file} is damaged (${error instanceof Error ? error.message : String(error)})`);
      return undefined;
    }
  }
}
