// The type modules come first: Pulumi's schema analyzer reads the files in import order and stops once it has found
// every component, so the documentation of the object types and enums must be read before the components are.
export * from "./types";
export * from "./args";
export * from "./awsNetworkFirewallIntuneRules";
export * from "./azureFirewallIntuneRules";
export * from "./intuneEgress";
export * from "./nsgIntuneRules";
