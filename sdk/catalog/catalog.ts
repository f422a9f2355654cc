/**
 * The Intune catalog: what Microsoft's Intune endpoints page lists beyond (and beside) the web service's MEM data,
 * encoded as data. Every choice made where the page contradicts itself is written down in ./README.md.
 *
 * This file holds data only. `resolve.ts` reads it.
 */
import type { Category, Region } from "../model/types";

/** The ports of Delivery Optimization peering (TCP 7680 between peers, Teredo UDP 3544): the one place they are named. */
export const DELIVERY_OPTIMIZATION_PEERING_PORTS = { tcp: ["7680"], udp: ["3544"] } as const;

/** A document an entry comes from. */
export interface CatalogSource {
  readonly document: string;
  /** The document's own date (ms.date for Microsoft Learn pages), YYYY-MM-DD. */
  readonly date: string;
}

/** A switchable group of endpoints, named for what it makes work. */
export interface CatalogFeature {
  readonly id: string;
  readonly title: string;
  /** On by default. Features that are off by default are opt-in with `features: [...]`. */
  readonly required: boolean;
  readonly description: string;
}

/** One address of the catalog with everything a rule needs. */
export interface CatalogEntry {
  /** As the page spells it; parsed and validated like service data. */
  readonly address: string;
  /** Web-service spelling ("80,443"); empty or absent when none. */
  readonly tcpPorts?: string;
  readonly udpPorts?: string;
  readonly feature: string;
  /** Tenant regions that need it; absent means every region. */
  readonly regions?: readonly Region[];
  readonly required: boolean;
  readonly category: Category;
  /** Microsoft says TLS inspection is not supported for it. */
  readonly tlsInspectionUnsupported?: boolean;
  /** Azure service tag that publishes this range. */
  readonly serviceTag?: string;
  /** The endpoint set id the page files it under, when it has one. */
  readonly setId?: number;
  readonly source: CatalogSource;
}

export const INTUNE_PAGE: CatalogSource = {
  document:
    "Network endpoints for Microsoft Intune (learn.microsoft.com; MicrosoftDocs/memdocs intune/fundamentals/endpoints.md at 00eee03287e7)",
  date: "2026-03-24",
};

export const APPLE_PAGES: CatalogSource = {
  document:
    "Apple: 'If your Apple devices aren't getting Apple push notifications' (HT203609) and 'Use Apple products on enterprise networks' (HT210060), as referenced by the Intune page's Apple dependencies",
  date: "2026-03-24",
};

export const FEATURES: readonly CatalogFeature[] = [
  {
    id: "core",
    title: "Intune client and host service",
    required: true,
    description: "Enrollment, check-in and policy (set 163), including the Azure Front Door ranges.",
  },
  {
    id: "authentication",
    title: "Microsoft Entra ID and account",
    required: true,
    description: "Sign-in and device registration (Common sets 56, 59, 97) and the Office customization service (150).",
  },
  {
    id: "endpoint-discovery",
    title: "Endpoint discovery",
    required: true,
    description: "go.microsoft.com and aka.ms redirects (set 190).",
  },
  {
    id: "feature-deployment",
    title: "Feature deployment",
    required: true,
    description: "Feature flighting configuration (set 189).",
  },
  { id: "organizational-messages", title: "Organizational messages", required: true, description: "Set 192." },
  {
    id: "win32-apps",
    title: "Win32 apps and PowerShell scripts",
    required: true,
    description:
      "Win32 content CDNs (set 170) and the regional Intune management extension CDNs; HTTP partial responses must be allowed.",
  },
  {
    id: "powershell-gallery",
    title: "PowerShell Gallery",
    required: true,
    description: "Listed in the page's consolidated list only.",
  },
  { id: "macos-apps", title: "macOS apps and scripts", required: true, description: "Regional macOS sidecar CDNs." },
  {
    id: "device-attestation",
    title: "Device health attestation",
    required: true,
    description:
      "Microsoft Azure Attestation (Windows 11, regional, set 186) and has.spserv.microsoft.com (Windows 10, GCC High, DoD).",
  },
  {
    id: "delivery-optimization",
    title: "Delivery Optimization",
    required: true,
    description: "Client to service (set 172), TCP 80/443.",
  },
  {
    id: "delivery-optimization-peering",
    title: "Delivery Optimization peering",
    required: false,
    description: `Peer-to-peer TCP ${DELIVERY_OPTIMIZATION_PEERING_PORTS.tcp.join(",")} and Teredo UDP ${DELIVERY_OPTIMIZATION_PEERING_PORTS.udp.join(",")} to the peer ranges you give in deliveryOptimizationPeers.`,
  },
  { id: "wns", title: "Windows Push Notification Services", required: true, description: "Set 171." },
  { id: "android-aosp", title: "Android AOSP", required: true, description: "Set 179." },
  {
    id: "remote-help",
    title: "Remote Help",
    required: true,
    description: "Sets 181 and 187, with the regional trouter endpoints.",
  },
  {
    id: "remote-help-gcc",
    title: "Remote Help for GCC",
    required: false,
    description: "Set 188; only GCC tenants need it.",
  },
  {
    id: "autopilot",
    title: "Windows Autopilot",
    required: true,
    description:
      "Windows Update, NTP (UDP 123), WNS, TPM attestation and diagnostics upload (sets 164, 165, 169, 173, 182).",
  },
  {
    id: "store",
    title: "Microsoft Store",
    required: true,
    description: "Store API (AppInstallManager) and the Win32 fallback cache.",
  },
  {
    id: "defender-security-settings",
    title: "Defender for Endpoint security settings management",
    required: true,
    description: "*.dm.microsoft.com.",
  },
  {
    id: "endpoint-privilege-management",
    title: "Endpoint Privilege Management",
    required: false,
    description: "Add-on: *.dm.microsoft.com and *.events.data.microsoft.com.",
  },
  {
    id: "diagnostics",
    title: "Client diagnostics",
    required: true,
    description: "*.events.data.microsoft.com for the health of client-side components.",
  },
  {
    id: "portals",
    title: "Admin and user portals",
    required: false,
    description:
      "The portals the sovereign pages name for browsers (admin center, Azure and Office portals, the Company Portal website); not device management traffic.",
  },
  {
    id: "apple",
    title: "Apple Push Notification service",
    required: false,
    description: "Needed to manage iOS/iPadOS and macOS devices: *.push.apple.com and 17.0.0.0/8 on TCP 443 and 5223.",
  },
];

/**
 * The service's endpoint-set ids and the feature each belongs to. A service set missing here is kept under the
 * feature `uncatalogued` with a warning, so a new Microsoft set is never silently dropped.
 */
export const SERVICE_SET_FEATURES: Readonly<Record<number, string>> = {
  56: "authentication",
  59: "authentication",
  97: "authentication",
  150: "authentication",
  163: "core",
  164: "autopilot",
  165: "autopilot",
  169: "autopilot",
  170: "win32-apps",
  171: "wns",
  172: "delivery-optimization",
  173: "autopilot",
  178: "apple",
  179: "android-aosp",
  181: "remote-help",
  182: "autopilot",
  186: "device-attestation",
  187: "remote-help",
  188: "remote-help-gcc",
  189: "feature-deployment",
  190: "endpoint-discovery",
  192: "organizational-messages",
};

/**
 * Ports of a service set that belong to another feature. Set 172 (Delivery Optimization) has listed the peering
 * ports 7680 and 3544 beside 80/443; peering is its own opt-in feature.
 */
export const SERVICE_SET_PORT_FEATURES: ReadonlyArray<{
  setId: number;
  tcpPorts: readonly string[];
  udpPorts: readonly string[];
  feature: string;
}> = [{ setId: 172, tcpPorts: ["3544", "7680"], udpPorts: ["3544"], feature: "delivery-optimization-peering" }];

/** Common (Microsoft 365) sets the Intune page names as dependencies; other Common sets need includeMicrosoft365Common. */
export const INTUNE_COMMON_DEPENDENCIES: readonly number[] = [56, 59, 97, 150];

/** Feature of a (non-Common) service set that the catalog does not know. */
export const UNCATALOGUED_FEATURE = "uncatalogued";

/** Feature of the Microsoft 365 Common sets that Intune does not name as dependencies (includeMicrosoft365Common). */
export const MICROSOFT_365_COMMON_FEATURE = "microsoft-365-common";

/** The Azure service tag Intune's Azure Front Door ranges are published under. */
export const AZURE_FRONT_DOOR_TAG = "AzureFrontDoor.MicrosoftSecurity";

const NA: readonly Region[] = ["NA"];
const EU: readonly Region[] = ["EU"];
const AP: readonly Region[] = ["AP"];

type Shared = Omit<CatalogEntry, "address" | "source"> & { source?: CatalogSource };

/** Expands one row of the page (many addresses sharing ports, feature and flags) into entries. */
function rows(shared: Shared, addresses: readonly string[]): CatalogEntry[] {
  return addresses.map((address) => ({ source: INTUNE_PAGE, ...shared, address }));
}

const CORE_IPV4 = [
  "4.145.74.224/27",
  "4.150.254.64/27",
  "4.154.145.224/27",
  "4.200.254.32/27",
  "4.207.244.0/27",
  "4.213.25.64/27",
  "4.213.86.128/25",
  "4.216.205.32/27",
  "4.237.143.128/25",
  "13.67.13.176/28",
  "13.67.15.128/27",
  "13.69.67.224/28",
  "13.69.231.128/28",
  "13.70.78.128/28",
  "13.70.79.128/27",
  "13.74.111.192/27",
  "13.77.53.176/28",
  "13.86.221.176/28",
  "13.89.174.240/28",
  "13.89.175.192/28",
  "20.37.153.0/24",
  "20.37.192.128/25",
  "20.38.81.0/24",
  "20.41.1.0/24",
  "20.42.1.0/24",
  "20.42.130.0/24",
  "20.42.224.128/25",
  "20.43.129.0/24",
  "20.44.19.224/27",
  "20.91.147.72/29",
  "20.168.189.128/27",
  "20.189.172.160/27",
  "20.189.229.0/25",
  "20.191.167.0/25",
  "20.192.159.40/29",
  "20.192.174.216/29",
  "20.199.207.192/28",
  "20.204.193.10/31",
  "20.204.193.12/30",
  "20.204.194.128/31",
  "20.208.149.192/27",
  "20.208.157.128/27",
  "20.214.131.176/29",
  "40.67.121.224/27",
  "40.70.151.32/28",
  "40.71.14.96/28",
  "40.74.25.0/24",
  "40.78.245.240/28",
  "40.78.247.128/27",
  "40.79.197.64/27",
  "40.79.197.96/28",
  "40.80.180.208/28",
  "40.80.180.224/27",
  "40.80.184.128/25",
  "40.82.248.224/28",
  "40.82.249.128/25",
  "40.84.70.128/25",
  "40.119.8.128/25",
  "48.218.252.128/25",
  "52.150.137.0/25",
  "52.162.111.96/28",
  "52.168.116.128/27",
  "52.182.141.192/27",
  "52.236.189.96/27",
  "52.240.244.160/27",
  "57.151.0.192/27",
  "57.153.235.0/25",
  "57.154.140.128/25",
  "57.154.195.0/25",
  "57.155.45.128/25",
  "68.218.134.96/27",
  "74.224.214.64/27",
  "74.242.35.0/25",
  "104.46.162.96/27",
  "104.208.197.64/27",
  "172.160.217.160/27",
  "172.201.237.160/27",
  "172.202.86.192/27",
  "172.205.63.0/25",
  "172.212.214.0/25",
  "172.215.131.0/27",
  // Listed in the set-163 table but not in the consolidated IP list: kept (README, decision 1).
  "172.208.170.0/25",
  "74.241.231.0/25",
  "74.242.184.128/25",
];

const AZURE_FRONT_DOOR = [
  "13.107.219.0/24",
  "13.107.227.0/24",
  "13.107.228.0/23",
  "150.171.97.0/24",
  "2620:1ec:40::/48",
  "2620:1ec:49::/48",
  "2620:1ec:4a::/47",
];

const REQUIRED_DEFAULT = { required: true, category: "Default" } as const;

export const CATALOG: readonly CatalogEntry[] = [
  // Intune core service (set 163). TLS inspection is not supported for *.manage.microsoft.com and *.dm.microsoft.com.
  ...rows(
    {
      feature: "core",
      setId: 163,
      tcpPorts: "80,443",
      required: true,
      category: "Allow",
      tlsInspectionUnsupported: true,
    },
    ["*.manage.microsoft.com", "*.dm.microsoft.com"],
  ),
  ...rows({ feature: "core", setId: 163, tcpPorts: "80,443", required: true, category: "Allow" }, [
    "manage.microsoft.com",
    "EnterpriseEnrollment.manage.microsoft.com",
    ...CORE_IPV4,
  ]),
  ...rows(
    {
      feature: "core",
      setId: 163,
      tcpPorts: "80,443",
      required: true,
      category: "Allow",
      serviceTag: AZURE_FRONT_DOOR_TAG,
    },
    AZURE_FRONT_DOOR,
  ),

  // Authentication dependencies (Common sets 56, 59, 97, 150).
  ...rows({ feature: "authentication", setId: 56, tcpPorts: "80,443", required: true, category: "Allow" }, [
    "login.microsoftonline.com",
    "graph.windows.net",
  ]),
  ...rows({ feature: "authentication", setId: 59, tcpPorts: "80,443", ...REQUIRED_DEFAULT }, [
    "enterpriseregistration.windows.net",
    "certauth.enterpriseregistration.windows.net",
  ]),
  ...rows({ feature: "authentication", setId: 97, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "account.live.com",
    "login.live.com",
  ]),
  ...rows({ feature: "authentication", setId: 150, tcpPorts: "443", required: false, category: "Default" }, [
    "*.officeconfig.msocdn.com",
    "config.office.com",
  ]),

  ...rows({ feature: "endpoint-discovery", setId: 190, tcpPorts: "80,443", ...REQUIRED_DEFAULT }, ["go.microsoft.com"]),
  // aka.ms is in the consolidated list only; it redirects like go.microsoft.com (README, decision 3).
  ...rows({ feature: "endpoint-discovery", tcpPorts: "80,443", ...REQUIRED_DEFAULT }, ["aka.ms"]),
  ...rows({ feature: "feature-deployment", setId: 189, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "config.edge.skype.com",
    "ecs.office.com",
  ]),
  ...rows({ feature: "organizational-messages", setId: 192, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "fd.api.orgmsg.microsoft.com",
    "ris.prod.api.personalization.ideas.microsoft.com",
  ]),

  // Win32 apps (set 170): the page lists the *.manage.microsoft.com names on TCP 80 and 443.
  ...rows({ feature: "win32-apps", setId: 170, tcpPorts: "80,443", ...REQUIRED_DEFAULT }, [
    "swda01-mscdn.manage.microsoft.com",
    "swda02-mscdn.manage.microsoft.com",
    "swdb01-mscdn.manage.microsoft.com",
    "swdb02-mscdn.manage.microsoft.com",
    "swdc01-mscdn.manage.microsoft.com",
    "swdc02-mscdn.manage.microsoft.com",
    "swdd01-mscdn.manage.microsoft.com",
    "swdd02-mscdn.manage.microsoft.com",
    "swdin01-mscdn.manage.microsoft.com",
    "swdin02-mscdn.manage.microsoft.com",
  ]),
  // PowerShell scripts and Win32 apps (Intune management extension) CDNs, by tenant region, TCP 443.
  ...rows({ feature: "win32-apps", regions: NA, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "naprodimedatapri.azureedge.net",
    "naprodimedatasec.azureedge.net",
    "naprodimedatahotfix.azureedge.net",
    "imeswda-afd-primary.manage.microsoft.com",
    "imeswda-afd-secondary.manage.microsoft.com",
    "imeswda-afd-hotfix.manage.microsoft.com",
  ]),
  ...rows({ feature: "win32-apps", regions: EU, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "euprodimedatapri.azureedge.net",
    "euprodimedatasec.azureedge.net",
    "euprodimedatahotfix.azureedge.net",
    "imeswdb-afd-primary.manage.microsoft.com",
    "imeswdb-afd-secondary.manage.microsoft.com",
    "imeswdb-afd-hotfix.manage.microsoft.com",
  ]),
  ...rows({ feature: "win32-apps", regions: AP, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "approdimedatapri.azureedge.net",
    "approdimedatasec.azureedge.net",
    "approdimedatahotfix.azureedge.net",
    "imeswdc-afd-primary.manage.microsoft.com",
    "imeswdc-afd-secondary.manage.microsoft.com",
    "imeswdc-afd-hotfix.manage.microsoft.com",
  ]),
  ...rows({ feature: "powershell-gallery", tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "*.powershellgallery.com",
    "cdn.oneget.org",
  ]),

  // macOS app and script deployment CDNs, by tenant region.
  ...rows({ feature: "macos-apps", regions: NA, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "macsidecar.manage.microsoft.com",
    "macsidecarprod.azureedge.net",
  ]),
  ...rows({ feature: "macos-apps", regions: EU, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "macsidecareu.manage.microsoft.com",
    "macsidecarprodeu.azureedge.net",
  ]),
  ...rows({ feature: "macos-apps", regions: AP, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "macsidecarap.manage.microsoft.com",
    "macsidecarprodap.azureedge.net",
  ]),

  // Microsoft Azure Attestation, by tenant region; HTTPS only, no TLS inspection.
  ...rows(
    {
      feature: "device-attestation",
      setId: 186,
      regions: NA,
      tcpPorts: "443",
      tlsInspectionUnsupported: true,
      ...REQUIRED_DEFAULT,
    },
    [
      "intunemaape1.eus.attest.azure.net",
      "intunemaape2.eus2.attest.azure.net",
      "intunemaape3.cus.attest.azure.net",
      "intunemaape4.wus.attest.azure.net",
      "intunemaape5.scus.attest.azure.net",
      "intunemaape6.ncus.attest.azure.net",
    ],
  ),
  ...rows(
    {
      feature: "device-attestation",
      setId: 186,
      regions: EU,
      tcpPorts: "443",
      tlsInspectionUnsupported: true,
      ...REQUIRED_DEFAULT,
    },
    [
      "intunemaape7.neu.attest.azure.net",
      "intunemaape8.neu.attest.azure.net",
      "intunemaape9.neu.attest.azure.net",
      "intunemaape10.weu.attest.azure.net",
      "intunemaape11.weu.attest.azure.net",
      "intunemaape12.weu.attest.azure.net",
    ],
  ),
  ...rows(
    {
      feature: "device-attestation",
      setId: 186,
      regions: AP,
      tcpPorts: "443",
      tlsInspectionUnsupported: true,
      ...REQUIRED_DEFAULT,
    },
    [
      "intunemaape13.jpe.attest.azure.net",
      "intunemaape17.jpe.attest.azure.net",
      "intunemaape18.jpe.attest.azure.net",
      "intunemaape19.jpe.attest.azure.net",
    ],
  ),
  ...rows({ feature: "device-attestation", tcpPorts: "443", ...REQUIRED_DEFAULT }, ["has.spserv.microsoft.com"]),

  ...rows({ feature: "delivery-optimization", setId: 172, tcpPorts: "80,443", ...REQUIRED_DEFAULT }, [
    "*.do.dsp.mp.microsoft.com",
    "*.dl.delivery.mp.microsoft.com",
  ]),
  ...rows({ feature: "wns", setId: 171, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "*.notify.windows.com",
    "*.wns.windows.com",
    "sinwns1011421.wns.windows.com",
    "sin.notify.windows.com",
  ]),
  ...rows({ feature: "android-aosp", setId: 179, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "intunecdnpeasd.azureedge.net",
    "intunecdnpeasd.manage.microsoft.com",
  ]),

  // Remote Help (set 181) and its web pubsub dependency (set 187).
  ...rows({ feature: "remote-help", setId: 181, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "*.support.services.microsoft.com",
    "remoteassistance.support.services.microsoft.com",
    "teams.microsoft.com",
    "remoteassistanceprodacs.communication.azure.com",
    "edge.skype.com",
    "aadcdn.msftauth.net",
    "aadcdn.msauth.net",
    "alcdn.msauth.net",
    "wcpstatic.microsoft.com",
    "*.aria.microsoft.com",
    "browser.pipe.aria.microsoft.com",
    "*.events.data.microsoft.com",
    "v10c.events.data.microsoft.com",
    "*.monitor.azure.com",
    "js.monitor.azure.com",
    "edge.microsoft.com",
    "*.trouter.communication.microsoft.com",
    "*.trouter.teams.microsoft.com",
    "*.trouter.communications.svc.cloud.microsoft",
    "api.flightproxy.skype.com",
    "ecs.communication.microsoft.com",
    "remotehelp.microsoft.com",
  ]),
  ...rows({ feature: "remote-help", setId: 181, regions: NA, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "go-amer.trouter.communications.svc.cloud.microsoft",
  ]),
  ...rows({ feature: "remote-help", setId: 181, regions: AP, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "go-apac.trouter.communications.svc.cloud.microsoft",
  ]),
  ...rows({ feature: "remote-help", setId: 181, regions: EU, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "go-eu.trouter.communications.svc.cloud.microsoft",
    "remoteassistanceprodacseu.communication.azure.com",
  ]),
  ...rows({ feature: "remote-help", setId: 187, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "*.webpubsub.azure.com",
    "AMSUA0101-RemoteAssistService-pubsub.webpubsub.azure.com",
  ]),
  ...rows({ feature: "remote-help-gcc", setId: 188, tcpPorts: "443", required: false, category: "Default" }, [
    "remoteassistanceweb-gcc.usgov.communication.azure.us",
    "remoteassistanceweb.usgov.communication.azure.us",
    "gcc.remotehelp.microsoft.com",
    "gcc.relay.remotehelp.microsoft.com",
    "*.gov.teams.microsoft.us",
  ]),

  // Windows Autopilot (sets 164, 165, 169, 173, 182).
  ...rows({ feature: "autopilot", setId: 164, tcpPorts: "80,443", ...REQUIRED_DEFAULT }, [
    "*.windowsupdate.com",
    "*.dl.delivery.mp.microsoft.com",
    "*.prod.do.dsp.mp.microsoft.com",
    "*.delivery.mp.microsoft.com",
    "*.update.microsoft.com",
    "tsfe.trafficshaping.dsp.mp.microsoft.com",
    "adl.windows.com",
    "dl.delivery.mp.microsoft.com",
  ]),
  ...rows({ feature: "autopilot", setId: 165, udpPorts: "123", ...REQUIRED_DEFAULT }, ["time.windows.com"]),
  ...rows({ feature: "autopilot", setId: 169, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "clientconfig.passport.net",
    "windowsphone.com",
    "*.s-microsoft.com",
    "c.s-microsoft.com",
  ]),
  ...rows({ feature: "autopilot", setId: 173, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "ekop.intel.com",
    "ekcert.spserv.microsoft.com",
    "ftpm.amd.com",
  ]),
  ...rows({ feature: "autopilot", setId: 182, tcpPorts: "443", ...REQUIRED_DEFAULT }, [
    "lgmsapeweu.blob.core.windows.net",
    "lgmsapewus2.blob.core.windows.net",
    "lgmsapesea.blob.core.windows.net",
    "lgmsapeaus.blob.core.windows.net",
    "lgmsapeind.blob.core.windows.net",
    "lgmsapeswiss.blob.core.windows.net",
  ]),

  // Microsoft Store: API endpoints without TLS inspection, and the Win32 fallback cache.
  ...rows({ feature: "store", tcpPorts: "80,443", tlsInspectionUnsupported: true, ...REQUIRED_DEFAULT }, [
    "displaycatalog.mp.microsoft.com",
    "purchase.md.mp.microsoft.com",
    "licensing.mp.microsoft.com",
    "storeedgefd.dsx.mp.microsoft.com",
  ]),
  ...rows({ feature: "store", tcpPorts: "80,443", ...REQUIRED_DEFAULT }, ["cdn.storeedgefd.dsx.mp.microsoft.com"]),

  ...rows(
    { feature: "defender-security-settings", tcpPorts: "443", tlsInspectionUnsupported: true, ...REQUIRED_DEFAULT },
    ["*.dm.microsoft.com"],
  ),
  ...rows(
    {
      feature: "endpoint-privilege-management",
      tcpPorts: "443",
      tlsInspectionUnsupported: true,
      required: false,
      category: "Default",
    },
    ["*.dm.microsoft.com", "*.events.data.microsoft.com"],
  ),
  ...rows({ feature: "diagnostics", tcpPorts: "443", ...REQUIRED_DEFAULT }, ["*.events.data.microsoft.com"]),

  // Apple Push Notification service, device side: TCP 5223, with 443 as the fallback (Apple's published ports).
  ...rows({ feature: "apple", tcpPorts: "443,5223", required: false, category: "Default", source: APPLE_PAGES }, [
    "*.push.apple.com",
    "17.0.0.0/8",
  ]),
];
