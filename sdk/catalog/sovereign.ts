/**
 * The Intune catalog for the sovereign clouds, from Microsoft's own pages for them, encoded as data. The web service's
 * USGovDoD, USGovGCCHigh and China instances carry no MEM sets, so these pages are the only source of Intune's own
 * endpoints there. GCC High and DoD share the US government table. Every decision taken where a page contradicts
 * itself or leaves a gap is written down in ./README.md ("Sovereign clouds") and pinned by a test.
 *
 * This file holds data only. `resolve.ts` reads it through `catalogFor`.
 */
import type { Instance } from "../model/types";
import { AZURE_FRONT_DOOR_TAG, CATALOG, CatalogEntry, CatalogSource } from "./catalog";

export const US_GOVERNMENT_PAGE: CatalogSource = {
  document:
    "US government endpoints for Microsoft Intune (learn.microsoft.com; MicrosoftDocs/memdocs intune/fundamentals/endpoints-us-government.md at 2bc84190d3c4)",
  date: "2025-12-15",
};

export const CHINA_PAGE: CatalogSource = {
  document:
    "China endpoints for Microsoft Intune (learn.microsoft.com; MicrosoftDocs/memdocs intune/fundamentals/endpoints-china.md at 2bc84190d3c4)",
  date: "2025-06-09",
};

type Row = Omit<CatalogEntry, "address" | "source" | "category" | "required"> &
  Partial<Pick<CatalogEntry, "category" | "required">>;

function rows(source: CatalogSource, shared: Row, addresses: readonly string[]): CatalogEntry[] {
  return addresses.map((address) => ({ required: true, category: "Default", source, ...shared, address }));
}

/** Decision: a single IP on a page is a /32 host. */
const host = (ip: string) => (ip.includes("/") ? ip : `${ip}/32`);

const US_MANAGE_IPS = [
  "52.227.99.114",
  "20.141.108.112",
  "13.72.17.166",
  "52.126.185.115",
  "52.227.211.91",
  "23.97.10.212",
  "52.227.29.124",
  "52.247.174.16",
  "52.227.29.244",
  "52.227.208.144",
  "52.227.1.233",
  "20.141.104.221",
  "52.247.134.218",
  "20.141.78.227",
  "13.77.236.201",
  "62.10.86.128/25",
  "62.10.87.128/25",
  "20.159.110.0/25",
  "20.159.111.0/25",
].map(host);

/** Decision: published in the US Government service-tag file under the same tag name, which Azure Government resolves. */
const US_AZURE_FRONT_DOOR = ["51.54.53.136/29", "51.54.114.160/29", "62.11.173.176/29"];

/** Decision: the pages name the Win32/script CDN under manage.microsoft.com (`.com`, in both clouds); kept as named. */
const SOVEREIGN_WIN32_CDN = [
  "imeswdsc-afd-pri.manage.microsoft.com",
  "imeswdsc-afd-sec.manage.microsoft.com",
  "imeswdsc-afd-hotfix.manage.microsoft.com",
];

/** GCC High and DoD: one table on the US government page. */
export const US_GOVERNMENT_CATALOG: readonly CatalogEntry[] = [
  ...rows(
    US_GOVERNMENT_PAGE,
    { feature: "core", tcpPorts: "80,443", category: "Allow", tlsInspectionUnsupported: true },
    ["*.manage.microsoft.us"],
  ),
  // Decision: the page requires unauthenticated proxy access to manage.microsoft.us, which *.manage.microsoft.us
  // does not match (a wildcard never matches its apex): the apex is its own entry.
  ...rows(US_GOVERNMENT_PAGE, { feature: "core", tcpPorts: "80,443", category: "Allow" }, [
    "manage.microsoft.us",
    ...US_MANAGE_IPS,
  ]),
  ...rows(
    US_GOVERNMENT_PAGE,
    { feature: "core", tcpPorts: "80,443", category: "Allow", serviceTag: AZURE_FRONT_DOOR_TAG },
    US_AZURE_FRONT_DOOR,
  ),
  ...rows(US_GOVERNMENT_PAGE, { feature: "authentication", tcpPorts: "80,443" }, [
    "enterpriseregistration.microsoftonline.us",
    "13.72.188.239/32",
    "13.72.55.179/32",
  ]),
  ...rows(US_GOVERNMENT_PAGE, { feature: "authentication", tcpPorts: "443" }, [
    "syncservice.gov.us.microsoftonline.com",
    "login.microsoftonline.us",
    "directoryproxy.microsoftazure.us",
    "directory.microsoftazure.us",
    "graph.microsoftazure.us",
    "graph.microsoft.us",
  ]),
  ...rows(US_GOVERNMENT_PAGE, { feature: "feature-deployment", tcpPorts: "443" }, ["*.ecs.gov.teams.microsoft.us"]),
  ...rows(US_GOVERNMENT_PAGE, { feature: "win32-apps", tcpPorts: "80,443" }, SOVEREIGN_WIN32_CDN),
  ...rows(US_GOVERNMENT_PAGE, { feature: "diagnostics", tcpPorts: "443" }, ["*.events.data.microsoft.com"]),
  ...rows(
    US_GOVERNMENT_PAGE,
    { feature: "defender-security-settings", tcpPorts: "443", tlsInspectionUnsupported: true },
    ["*.dm.microsoft.us"],
  ),
  ...rows(
    US_GOVERNMENT_PAGE,
    { feature: "endpoint-privilege-management", tcpPorts: "443", required: false, tlsInspectionUnsupported: true },
    ["*.dm.microsoft.us"],
  ),
  // Decision: the page names has.spserv.microsoft.com only in its TLS-inspection notice; it is the Windows 10 health
  // attestation service (the Worldwide page files it under attestation, "GCC High, DoD"), so it is kept there.
  ...rows(US_GOVERNMENT_PAGE, { feature: "device-attestation", tcpPorts: "443", tlsInspectionUnsupported: true }, [
    "has.spserv.microsoft.com",
  ]),
  ...rows(US_GOVERNMENT_PAGE, { feature: "portals", tcpPorts: "443", required: false }, [
    "portal.azure.us",
    "portal.office365.us",
    "portal.manage.microsoft.us",
    "intune.microsoft.us",
  ]),
];

const CHINA_MANAGE_IPS = [
  "40.73.38.143",
  "139.217.97.81",
  "52.130.80.24",
  "40.73.41.162",
  "40.73.58.153",
  "139.217.95.85",
  "143.64.196.128/25",
  "40.162.2.128/25",
  "139.219.250.128/25",
  "163.228.221.128/25",
].map(host);

/** Intune operated by 21Vianet. */
export const CHINA_CATALOG: readonly CatalogEntry[] = [
  ...rows(CHINA_PAGE, { feature: "core", tcpPorts: "80,443", category: "Allow" }, [
    "*.manage.microsoftonline.cn",
    ...CHINA_MANAGE_IPS,
  ]),
  // Decision: the page requires unauthenticated proxy access to manage.microsoft.com (`.com`), and its own CDN names
  // live under it; kept as the page writes it.
  ...rows(CHINA_PAGE, { feature: "core", tcpPorts: "80,443", category: "Allow" }, ["manage.microsoft.com"]),
  ...rows(CHINA_PAGE, { feature: "authentication", tcpPorts: "443" }, [
    "syncservice.partner.microsoftonline.cn",
    "login.chinacloudapi.cn",
    // Decision: the page writes graph.chinacloudapi.us; Azure AD Graph in 21Vianet is graph.chinacloudapi.cn, and a
    // `.us` name in the China table is a typo. The `.us` name is not allowed.
    "graph.chinacloudapi.cn",
    "microsoftgraph.chinacloudapi.cn",
    "enterpriseregistration.partner.microsoftonline.cn",
  ]),
  // Decision: the page's Experimentation and Configuration Service name, *.ecs.gov.teams.microsoft.us, is the US
  // government's; a China tenant has no use for it, so it is left out (a US government name is never allowed here).
  ...rows(CHINA_PAGE, { feature: "win32-apps", tcpPorts: "80,443" }, SOVEREIGN_WIN32_CDN),
  ...rows(CHINA_PAGE, { feature: "macos-apps", tcpPorts: "80,443" }, ["macsidecarap.manage.microsoft.com"]),
  ...rows(CHINA_PAGE, { feature: "portals", tcpPorts: "443", required: false }, [
    "portal.azure.cn",
    "portal.partner.microsoftonline.cn",
    "portal.manage.microsoftonline.cn",
    "intune.microsoftonline.cn",
  ]),
];

/** The catalog of an instance: the Worldwide page's for Worldwide (commercial and GCC), the sovereign pages' else. */
export function catalogFor(instance: Instance): readonly CatalogEntry[] {
  switch (instance) {
    case "Worldwide":
      return CATALOG;
    case "USGovDoD":
    case "USGovGCCHigh":
      return US_GOVERNMENT_CATALOG;
    case "China":
      return CHINA_CATALOG;
  }
}

/** The page an instance's catalog comes from, for warnings. */
export function catalogPageFor(instance: Instance): string {
  if (instance === "China") return "the China (21Vianet) Intune endpoints page";
  if (instance === "Worldwide") return "the Intune endpoints page";
  return "the US government Intune endpoints page";
}

/**
 * The Common (Microsoft 365) sets each instance's Intune page names as dependencies. In the sovereign instances the
 * set carrying the page's sign-in and Graph names: USGov set 13 (login.microsoftonline.us, graph.microsoft.us, ...),
 * China set 17 (microsoftgraph.chinacloudapi.cn, login.partner.microsoftonline.cn, ...). Others need
 * includeMicrosoft365Common.
 */
export const COMMON_DEPENDENCIES: Readonly<Record<Instance, readonly number[]>> = {
  Worldwide: [56, 59, 97, 150],
  USGovDoD: [13],
  USGovGCCHigh: [13],
  China: [17],
};
