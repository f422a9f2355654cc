export * from "./args";
export * from "./awsNetworkFirewallIntuneRules";
export * from "./azureFirewallIntuneRules";
export * from "./intuneEgress";
export * from "./nsgIntuneRules";
export * from "./types";
