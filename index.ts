/**
 * intune-egress: Pulumi components that allow Microsoft Intune's network endpoints, and nothing else, through Azure
 * Firewall Policy, Azure NSGs and AWS Network Firewall.
 *
 * The components are the package's public Pulumi API (and what `pulumi package add` exposes to other languages);
 * `sdk` holds the pure endpoint model, service client and rule compilers the CLI and components are built on.
 */
export * from "./components";
export * as sdk from "./sdk";
