/**
 * Named enums and output shapes of the components. They use the `as const` object pattern (a value and a type of the
 * same name) so that Pulumi's schema inference can name them for Python, Go, .NET and YAML.
 */

/** Microsoft 365 service instance (cloud) whose endpoints to read. */
export const Instance = {
  /** Commercial cloud, including GCC. */
  Worldwide: "Worldwide",
  /** US Government DoD. */
  USGovDoD: "USGovDoD",
  /** US Government GCC High. */
  USGovGCCHigh: "USGovGCCHigh",
  /** Microsoft 365 operated by 21Vianet. */
  China: "China",
} as const;
export type Instance = (typeof Instance)[keyof typeof Instance];

/** Tenant region ("Tenant location" in the Intune admin center). */
export const Region = {
  /** North America (and the rest of the world for Remote Help). */
  NA: "NA",
  /** Europe. */
  EU: "EU",
  /** Asia Pacific. */
  AP: "AP",
} as const;
export type Region = (typeof Region)[keyof typeof Region];

/** What to do when the endpoints service can't be used. */
export const OnUnavailable = {
  /** Fail the program. */
  Fail: "fail",
  /** Use the last data cached on this machine, else fail. */
  Cache: "cache",
  /** Use the cache, else the snapshot embedded in the package. */
  Snapshot: "snapshot",
} as const;
export type OnUnavailable = (typeof OnUnavailable)[keyof typeof OnUnavailable];

/** What to do with a name the target can't match exactly (mid-label wildcards such as `autodiscover.*.onmicrosoft.com`). */
export const WildcardPolicy = {
  /** Leave it out, with a warning. */
  Skip: "skip",
  /** Allow the parent domain (`*.onmicrosoft.com`) instead, reported as widened. */
  Widen: "widen",
  /** Fail. */
  Reject: "reject",
} as const;
export type WildcardPolicy = (typeof WildcardPolicy)[keyof typeof WildcardPolicy];

/** Rule evaluation order of an AWS stateful rule group (fixed at creation). */
export const AwsRuleOrder = {
  /** Rules run in the order given (recommended by AWS). */
  StrictOrder: "STRICT_ORDER",
  /** Pass, then drop, then alert rules. */
  DefaultActionOrder: "DEFAULT_ACTION_ORDER",
} as const;
export type AwsRuleOrder = (typeof AwsRuleOrder)[keyof typeof AwsRuleOrder];

/**
 * The stateful default action of the AWS firewall policy that uses the rule groups (strict order only), as AWS
 * documents them. The component does not create the policy; coverage and verification evaluate the rules with it.
 */
export const AwsPolicyDefaultAction = {
  /** Drop packets of established connections that no rule passed (connection setup passes). Recommended. */
  DropEstablished: "aws:drop_established",
  /** Drop every packet no rule passed, including TCP handshakes: SNI and Host rules then never see their traffic. */
  DropStrict: "aws:drop_strict",
  /** Only alert on established traffic no rule passed: nothing is restricted. */
  AlertEstablished: "aws:alert_established",
  /** Only alert on any packet no rule passed: nothing is restricted. */
  AlertStrict: "aws:alert_strict",
  /** The policy sets no stateful default action: traffic no rule drops passes. */
  None: "none",
} as const;
export type AwsPolicyDefaultAction = (typeof AwsPolicyDefaultAction)[keyof typeof AwsPolicyDefaultAction];

/** How AWS rules are written. */
export const AwsRuleFormat = {
  /** Suricata rules with exact semantics and port restrictions. */
  Suricata: "suricata",
  /** A domain list: wider (a leading dot also matches the apex; no port restriction). */
  DomainList: "domainList",
} as const;
export type AwsRuleFormat = (typeof AwsRuleFormat)[keyof typeof AwsRuleFormat];

/** An endpoint a target enforces, and the rules that do it. */
export interface CoverageEnforced {
  /** The endpoint's address as the model holds it (`manage.microsoft.com`, `*.dm.microsoft.com`, `13.107.219.0/24`). */
  address: string;
  /** The TCP ports the rules allow to it. */
  tcpPorts: string[];
  /** The UDP ports the rules allow to it. */
  udpPorts: string[];
  /** The names (or Suricata matches) of the rules that allow it. */
  rules: string[];
}

/** An endpoint a target enforces more broadly than the model says. */
export interface CoverageWidened {
  /** The endpoint's address as the model holds it. */
  address: string;
  /** What the target allows instead. */
  as: string;
  /** Why the target allows more than the endpoint. */
  reason: string;
}

/** An endpoint (or some of its ports) a target can't express. */
export interface CoverageGap {
  /** The endpoint's address as the model holds it. */
  address: string;
  /** The TCP ports the target can't express for it. */
  tcpPorts: string[];
  /** The UDP ports the target can't express for it. */
  udpPorts: string[];
  /** Why, and which option (if any) would change it. */
  reason: string;
}

/** What one target enforces of the model. */
export interface TargetCoverage {
  /** Endpoints the rules allow, with the ports and the rules. */
  enforced: CoverageEnforced[];
  /** Endpoints the rules allow more broadly than the model says, and how. */
  widened: CoverageWidened[];
  /** Endpoints (or ports of them) the rules let through only by a platform default, not by a rule of ours, and why. */
  notEnforced: CoverageGap[];
  /** Endpoints (or ports of them) the deployed rules deny: devices can't reach them. Why, and what would change it. */
  blocked: CoverageGap[];
  /** Endpoints (or ports of them) no flow can reach: no source address of their family was given. */
  notApplicable: CoverageGap[];
}

/** What evaluating the deployed rules found: model endpoints reached or blocked, and probe flows denied or let out. */
export interface TargetVerificationSummary {
  /** Model endpoints whose every sample flow the rules allow. */
  endpointsAllowed: number;
  /** Model endpoints the rules deny (at least one sample flow). */
  endpointsBlocked: number;
  /** Model endpoints no source family can reach. */
  endpointsNotApplicable: number;
  /** Probe flows outside the model (look-alike names, unlisted names and addresses, wrong ports) the rules deny. */
  probesDenied: number;
  /** Probe flows outside the model the rules let out. */
  probesLetOut: number;
  /** Each blocked endpoint, with what blocks it. */
  blocked: string[];
  /** Each probe flow let out, with what lets it out. */
  letOut: string[];
}

/** The rules hash of every deployed target. */
export interface IntuneEgressRulesHash {
  /** sha256 of the Azure Firewall rule collection groups; absent without that target. */
  azureFirewall?: string;
  /** sha256 of the NSG security rules; absent without that target. */
  nsg?: string;
  /** sha256 of the AWS Network Firewall rule groups; absent without that target. */
  awsNetworkFirewall?: string;
}

/** The verification of every deployed target. */
export interface IntuneEgressVerification {
  /** The Azure Firewall Policy rules' verification; absent without that target. */
  azureFirewall?: TargetVerificationSummary;
  /** The NSG rules' verification; absent without that target. */
  nsg?: TargetVerificationSummary;
  /** The AWS Network Firewall rule groups' verification; absent without that target. */
  awsNetworkFirewall?: TargetVerificationSummary;
}

/** Coverage of every deployed target. */
export interface IntuneEgressCoverage {
  /** The Azure Firewall Policy rules' coverage; absent without that target. */
  azureFirewall?: TargetCoverage;
  /** The NSG rules' coverage; absent without that target. */
  nsg?: TargetCoverage;
  /** The AWS Network Firewall rule groups' coverage; absent without that target. */
  awsNetworkFirewall?: TargetCoverage;
}
